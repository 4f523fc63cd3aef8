func.func @f(%i: index, %a: i64, %b: i64) -> i64 {
  %r:2 = scf.index_switch %i -> i64, i64
  case -1 {
    scf.yield %b, %a : i64, i64
  }
  default {
    scf.yield %a, %b : i64, i64
  }
  %s = arith.subi %r#0, %r#1 : i64
  return %s : i64
}
