func.func @f(%a: i64) -> i64 {
  %c1 = arith.constant 1 : i64
  %r = arith.addi %a, %c1 : i64
  return %r : i64
}
