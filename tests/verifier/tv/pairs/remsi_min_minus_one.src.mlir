// arith.remsi lowers to llvm.srem: the same UB (zero divisor, MIN % -1)
func.func @f(%a: i32, %b: i32) -> i32 {
  %0 = arith.remsi %a, %b : i32
  return %0 : i32
}
