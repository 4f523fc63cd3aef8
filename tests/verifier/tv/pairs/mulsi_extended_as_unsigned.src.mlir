func.func @f(%a: i16, %b: i16) -> (i16, i16) {
  %lo, %hi = arith.mulsi_extended %a, %b : i16
  return %lo, %hi : i16, i16
}
