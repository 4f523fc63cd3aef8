func.func @w(%x: i128, %y: i128) -> i128 {
  %q = arith.floordivsi %x, %y : i128
  return %q : i128
}
