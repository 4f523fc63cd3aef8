// the source reads out of bounds (UB)
func.func @f(%m: memref<4xi32>) -> i32 {
  %c4 = arith.constant 4 : index
  %0 = memref.load %m[%c4] : memref<4xi32>
  return %0 : i32
}
