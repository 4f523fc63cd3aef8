// ordered vs unordered less-than: they differ only when an operand is a NaN
func.func @f(%a: f32, %b: f32) -> i1 {
  %c = arith.cmpf olt, %a, %b : f32
  return %c : i1
}
