func.func @f(%i: index, %a: i64, %b: i64) -> i64 {
  %m1 = arith.constant -1 : index
  %c = arith.cmpi eq, %i, %m1 : index
  %r:2 = scf.if %c -> (i64, i64) {
    scf.yield %b, %a : i64, i64
  } else {
    scf.yield %a, %b : i64, i64
  }
  %s = arith.subi %r#0, %r#1 : i64
  return %s : i64
}
