func.func @f(%m: memref<4xi32>, %v: i32) {
  %c2 = arith.constant 2 : index
  memref.store %v, %m[%c2] : memref<4xi32>
  return
}
