func.func @f(%a: i32, %b: i32) -> i32 {
  %c8 = arith.constant 8 : i32
  %0 = arith.divui %a, %c8 : i32
  return %0 : i32
}
