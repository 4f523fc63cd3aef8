// float arithmetic in the FloatingPoint theory: IEEE addition commutes (NaN results included, canonical)
func.func @f(%a: f64, %b: f64) -> f64 {
  %0 = arith.addf %a, %b : f64
  return %0 : f64
}
