func.func @f(%i: index, %a: i64, %b: i64) -> i64 {
  %r = scf.index_switch %i -> i64
  case 3 {
    scf.yield %b : i64
  }
  default {
    scf.yield %a : i64
  }
  return %r : i64
}
