// the target is defined for more indices (no subview bounds): still a refinement
func.func @f(%m: memref<8xi32>, %i: index) -> i32 {
  %s = memref.subview %m[2] [4] [1] : memref<8xi32> to memref<4xi32, strided<[1], offset: 2>>
  %0 = memref.load %s[%i] : memref<4xi32, strided<[1], offset: 2>>
  return %0 : i32
}
