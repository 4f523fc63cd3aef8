func.func @f(%x: i8, %a: i64, %b: i64) -> i64 {
  %i = arith.index_castui %x : i8 to index
  %r = scf.index_switch %i -> i64
  case 3 {
    %s = arith.addi %a, %b : i64
    scf.yield %s : i64
  }
  case 200 {
    %s = arith.subi %a, %b : i64
    scf.yield %s : i64
  }
  default {
    scf.yield %a : i64
  }
  return %r : i64
}
