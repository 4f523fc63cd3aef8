memref.global "private" constant @table : memref<4xi32> = dense<[3, 5, 7, 11]>
func.func @f() -> i32 {
  %g = memref.get_global @table : memref<4xi32>
  %c2 = arith.constant 2 : index
  %0 = memref.load %g[%c2] : memref<4xi32>
  return %0 : i32
}
