func.func @f(%a: i32, %b: i32) -> i32 {
  %c3 = arith.constant 3 : i32
  %0 = arith.shrui %a, %c3 : i32
  return %0 : i32
}
