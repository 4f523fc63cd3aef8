func.func @f(%m: memref<4xi32>, %v: i32) {
  return
}
