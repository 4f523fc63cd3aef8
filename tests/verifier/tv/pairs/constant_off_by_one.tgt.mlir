func.func @f(%a: i32, %b: i32) -> i32 {
  %c4 = arith.constant 4 : i32
  %1 = arith.addi %a, %c4 : i32
  return %1 : i32
}
