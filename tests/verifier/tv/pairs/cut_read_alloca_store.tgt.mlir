func.func @f(%n: index) -> i8 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i8
  %one = arith.constant 1 : i8
  %mark = memref.alloca() : memref<1xi8>
  memref.store %one, %mark[%c0] : memref<1xi8>
  cf.br ^h(%c0 : index)
^h(%i: index):
  %c = arith.cmpi slt, %i, %n : index
  cf.cond_br %c, ^b, ^e
^b:
  %i2 = arith.addi %i, %c1 : index
  cf.br ^h(%i2 : index)
^e:
  %v = memref.load %mark[%c0] : memref<1xi8>
  return %v : i8
}
