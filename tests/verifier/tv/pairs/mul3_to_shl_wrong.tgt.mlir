func.func @f(%a: i32, %b: i32) -> i32 {
  %c1 = arith.constant 1 : i32
  %0 = arith.shli %a, %c1 : i32
  return %0 : i32
}
