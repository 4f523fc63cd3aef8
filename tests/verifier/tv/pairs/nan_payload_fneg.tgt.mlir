func.func @f(%x: f32) -> f32 {
  %r = arith.negf %x : f32
  return %r : f32
}
func.func @g(%x: f32, %p: memref<4xi32>) -> f32 {
  %r = arith.negf %x : f32
  %c0 = arith.constant 0 : index
  %two = arith.constant 2 : i32
  memref.store %two, %p[%c0] : memref<4xi32>
  return %r : f32
}
