func.func @f(%a: i32, %b: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  return %c0 : i32
}
