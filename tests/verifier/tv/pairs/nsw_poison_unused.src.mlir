// an unused poison value is harmless
func.func @f(%a: i32, %b: i32) -> i32 {
  %0 = arith.muli %a, %b overflow<nsw> : i32
  return %a : i32
}
