// floats that are only moved need no float semantics
func.func @f(%c: i1, %a: f64, %b: f64) -> f64 {
  %0 = arith.select %c, %a, %b : f64
  return %0 : f64
}
