func.func @f(%a: i16) -> i16 {
  %0 = arith.extsi %a : i16 to i64
  %1 = arith.trunci %0 : i64 to i16
  return %1 : i16
}
