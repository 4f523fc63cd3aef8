func.func @f(%x: f64) -> f64 {
  %r = arith.negf %x : f64
  return %r : f64
}
func.func @g(%x: f64, %p: memref<4xi32>) -> f64 {
  %r = arith.negf %x : f64
  %c0 = arith.constant 0 : index
  %two = arith.constant 2 : i32
  memref.store %two, %p[%c0] : memref<4xi32>
  return %r : f64
}
