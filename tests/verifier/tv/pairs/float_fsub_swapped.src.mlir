// a wrong lowering: the operands of a subtraction swapped
func.func @f(%a: f64, %b: f64) -> f64 {
  %0 = arith.subf %a, %b : f64
  return %0 : f64
}
