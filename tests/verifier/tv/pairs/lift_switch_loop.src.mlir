func.func @f(%a0: i64, %a1: i64, %a2: i64, %a3: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %c31 = arith.constant 31 : i64
  %n = arith.andi %a0, %c31 : i64
  cf.br ^h(%c0, %a1 : i64, i64)
^h(%i: i64, %acc: i64):
  %c = arith.cmpi slt, %i, %n : i64
  cf.cond_br %c, ^b, ^x(%acc : i64)
^b:
  %t = arith.trunci %acc : i64 to i8
  %k = arith.constant 7 : i8
  %tt = arith.andi %t, %k : i8
  cf.switch %tt : i8, [
    default: ^n(%acc : i64),
    3: ^x(%i : i64),
    5: ^n(%a2 : i64)
  ]
^n(%v: i64):
  %m = arith.muli %v, %a3 : i64
  %m2 = arith.addi %m, %i : i64
  %i2 = arith.addi %i, %c1 : i64
  cf.br ^h(%i2, %m2 : i64, i64)
^x(%r: i64):
  return %r : i64
}
