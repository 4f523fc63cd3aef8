func.func @f(%m: memref<4xi32>, %v: i32) -> i32 {
  %c1 = arith.constant 1 : index
  memref.store %v, %m[%c1] : memref<4xi32>
  return %v : i32
}
