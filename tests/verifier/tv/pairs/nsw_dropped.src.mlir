// dropping nsw makes the target more defined: a refinement
func.func @f(%a: i32, %b: i32) -> i32 {
  %0 = arith.addi %a, %b overflow<nsw> : i32
  return %0 : i32
}
