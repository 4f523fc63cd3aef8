func.func @f(%m: memref<?xi32>, %i: index) -> i32 {
  %0 = memref.load %m[%i] : memref<?xi32>
  %c7 = arith.constant 7 : i32
  return %c7 : i32
}
