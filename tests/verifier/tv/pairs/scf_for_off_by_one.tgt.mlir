func.func @f(%n: index) -> i64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i64
  cf.br ^head(%c0, %z : index, i64)
^head(%i: index, %acc: i64):
  %c = arith.cmpi sle, %i, %n : index
  cf.cond_br %c, ^body, ^exit
^body:
  %x = arith.index_cast %i : index to i64
  %y = arith.addi %acc, %x : i64
  %i1 = arith.addi %i, %c1 : index
  cf.br ^head(%i1, %y : index, i64)
^exit:
  return %acc : i64
}
