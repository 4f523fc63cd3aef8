func.func @f(%a: i32, %b: i32) -> i32 {
  %c12 = arith.constant 12 : i32
  %1 = arith.addi %a, %c12 : i32
  return %1 : i32
}
