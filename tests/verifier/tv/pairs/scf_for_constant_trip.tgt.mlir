func.func @f(%u: i64) -> i64 {
  %c10 = arith.constant 10 : i64
  return %c10 : i64
}
