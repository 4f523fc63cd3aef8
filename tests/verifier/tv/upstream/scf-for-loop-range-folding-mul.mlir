func.func @r(%k: index, %acc0: index) -> index {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c6 = arith.constant 6 : index
  %r = scf.for %i = %c1 to %c6 step %c2 iter_args(%acc = %acc0) -> (index) {
    %j = arith.muli %i, %k : index
    %n = arith.addi %acc, %j : index
    scf.yield %n : index
  }
  return %r : index
}
