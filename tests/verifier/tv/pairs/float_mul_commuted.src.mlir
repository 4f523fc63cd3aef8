// a canonicalizer moving a constant operand to the right: IEEE multiplication commutes
func.func @f(%a: f64, %b: f64) -> f64 {
  %c = arith.constant 2.500000e-01 : f64
  %0 = arith.mulf %c, %a : f64
  %1 = arith.mulf %b, %0 : f64
  return %1 : f64
}
