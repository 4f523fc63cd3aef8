func.func @f(%n: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i8
  %mark = memref.alloca() : memref<1xi8>
  cf.br ^h(%c0, %c0 : index, index)
^h(%i: index, %s: index):
  %c = arith.cmpi slt, %i, %n : index
  cf.cond_br %c, ^b, ^e
^b:
  %s2 = arith.addi %s, %i : index
  %i2 = arith.addi %i, %c1 : index
  cf.br ^h(%i2, %s2 : index, index)
^e:
  return %s : index
}
