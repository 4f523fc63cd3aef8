func.func @count(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  cf.br ^head(%c1, %c0 : i64, i64)
^head(%j: i64, %i: i64):
  %more = arith.cmpi slt, %i, %n : i64
  cf.cond_br %more, ^body, ^exit
^body:
  %j2 = arith.addi %j, %c1 : i64
  cf.br ^head(%j2, %j : i64, i64)
^exit:
  return %i : i64
}
