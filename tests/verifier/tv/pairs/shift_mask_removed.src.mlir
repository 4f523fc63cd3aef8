// without the mask, an amount >= 32 is poison in the target
func.func @f(%a: i32, %b: i32) -> i32 {
  %c31 = arith.constant 31 : i32
  %m = arith.andi %b, %c31 : i32
  %0 = arith.shli %a, %m : i32
  return %0 : i32
}
