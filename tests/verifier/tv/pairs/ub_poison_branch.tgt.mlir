func.func @f(%a: i64) -> i64 {
  %c1 = arith.constant 1 : i64
  %p = ub.poison : i1
  %r = scf.if %p -> (i64) {
    %x = arith.addi %a, %c1 : i64
    scf.yield %x : i64
  } else {
    %y = arith.addi %c1, %a : i64
    scf.yield %y : i64
  }
  return %r : i64
}
