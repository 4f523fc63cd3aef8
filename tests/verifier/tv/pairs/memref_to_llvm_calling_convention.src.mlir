// a memref argument becomes its five descriptor scalars
func.func @f(%m: memref<?xi64, strided<[1], offset: ?>>, %i: index) -> i64 {
  %0 = memref.load %m[%i] : memref<?xi64, strided<[1], offset: ?>>
  return %0 : i64
}
