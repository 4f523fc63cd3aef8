func.func @f(%x: f32) -> f32 {
  %nz = arith.constant -0.0 : f32
  %r = arith.subf %nz, %x : f32
  return %r : f32
}
func.func @g(%x: f32, %p: memref<4xi32>) -> f32 {
  %nz = arith.constant -0.0 : f32
  %r = arith.subf %nz, %x : f32
  %c0 = arith.constant 0 : index
  %one = arith.constant 1 : i32
  memref.store %one, %p[%c0] : memref<4xi32>
  return %r : f32
}
