func.func @f(%a: i32, %b: i32) -> i32 {
  %c3 = arith.constant 3 : i32
  %c4 = arith.constant 4 : i32
  %0 = arith.muli %c3, %c4 : i32
  %1 = arith.addi %0, %a : i32
  return %1 : i32
}
