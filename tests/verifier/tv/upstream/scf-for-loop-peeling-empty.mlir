func.func @p(%lb: index, %ub: index, %acc0: index) -> index {
  %c3 = arith.constant 3 : index
  %r = scf.for %i = %lb to %ub step %c3 iter_args(%acc = %acc0) -> (index) {
    %n = arith.addi %acc, %i : index
    scf.yield %n : index
  }
  return %r : index
}
