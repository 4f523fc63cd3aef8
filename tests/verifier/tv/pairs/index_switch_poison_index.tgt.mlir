func.func @f(%a: i64) -> i64 {
  %p = ub.poison : index
  %r = scf.index_switch %p -> i64
  case 0 {
    scf.yield %a : i64
  }
  default {
    scf.yield %a : i64
  }
  return %r : i64
}
