func.func @f(%n: index) -> i64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c100 = arith.constant 100 : index
  %z = arith.constant 0 : i64
  %s = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %z) -> (i64) {
    %x = arith.index_cast %i : index to i64
    %y = arith.addi %acc, %x : i64
    scf.yield %y : i64
  }
  return %s : i64
}
