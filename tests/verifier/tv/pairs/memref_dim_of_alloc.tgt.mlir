func.func @f(%n: index) -> index {
  %a = memref.alloc(%n) : memref<?xi64>
  return %n : index
}
