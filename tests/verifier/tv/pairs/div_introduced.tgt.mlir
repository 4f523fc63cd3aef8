func.func @f(%a: i32, %b: i32) -> i32 {
  %0 = arith.divui %a, %b : i32
  %1 = arith.muli %0, %b : i32
  %2 = arith.remui %a, %b : i32
  %3 = arith.addi %1, %2 : i32
  return %3 : i32
}
