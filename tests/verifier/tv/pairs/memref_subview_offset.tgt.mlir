func.func @f(%m: memref<8xi32>, %i: index) -> i32 {
  %c2 = arith.constant 2 : index
  %j = arith.addi %i, %c2 : index
  %0 = memref.load %m[%j] : memref<8xi32>
  return %0 : i32
}
