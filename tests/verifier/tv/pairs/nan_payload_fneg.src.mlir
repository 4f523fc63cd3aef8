func.func @f(%x: f64) -> f64 {
  %nz = arith.constant -0.0 : f64
  %r = arith.subf %nz, %x : f64
  return %r : f64
}
func.func @g(%x: f64, %p: memref<4xi32>) -> f64 {
  %nz = arith.constant -0.0 : f64
  %r = arith.subf %nz, %x : f64
  %c0 = arith.constant 0 : index
  %one = arith.constant 1 : i32
  memref.store %one, %p[%c0] : memref<4xi32>
  return %r : f64
}
