memref.global "private" constant @table : memref<4xi32> = dense<[3, 5, 7, 11]>
func.func @f() -> i32 {
  %g = memref.get_global @table : memref<4xi32>
  %c1 = arith.constant 1 : index
  %0 = memref.load %g[%c1] : memref<4xi32>
  return %0 : i32
}
