// signed vs unsigned float-to-integer conversion: fptoui of a negative value is poison
func.func @f(%a: f32) -> i32 {
  %0 = arith.fptosi %a : f32 to i32
  return %0 : i32
}
