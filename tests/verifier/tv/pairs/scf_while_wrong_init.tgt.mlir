func.func @f(%n: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  cf.br ^before(%c1 : i32)
^before(%i: i32):
  %c = arith.cmpi slt, %i, %n : i32
  cf.cond_br %c, ^after(%i : i32), ^done(%i : i32)
^after(%j: i32):
  %k = arith.addi %j, %c1 : i32
  cf.br ^before(%k : i32)
^done(%r: i32):
  return %r : i32
}
