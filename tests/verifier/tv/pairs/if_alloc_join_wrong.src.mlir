func.func @f(%c: i1) -> i64 {
  %r = scf.if %c -> i64 {
    %one = arith.constant 1 : i64
    scf.yield %one : i64
  } else {
    %two = arith.constant 2 : i64
    scf.yield %two : i64
  }
  return %r : i64
}
