func.func @t(%acc0: i64, %m: i64) -> i64 {
  %lb = arith.constant -100 : i8
  %ub = arith.constant 100 : i8
  %st = arith.constant 100 : i8
  %one = arith.constant 1 : i64
  %r = scf.for %i = %lb to %ub step %st iter_args(%acc = %acc0) -> (i64) : i8 {
    %n = arith.muli %acc, %m : i64
    %n2 = arith.addi %n, %one : i64
    scf.yield %n2 : i64
  }
  return %r : i64
}
