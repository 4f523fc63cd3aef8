func.func @f(%n: index) -> index {
  %a = memref.alloc(%n) : memref<?xi64>
  %c0 = arith.constant 0 : index
  %d = memref.dim %a, %c0 : memref<?xi64>
  return %d : index
}
