func.func @f(%m: memref<?xi8>, %n: index) -> index {
  return %n : index
}
