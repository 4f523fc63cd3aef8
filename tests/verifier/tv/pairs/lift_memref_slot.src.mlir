module {
  func.func @pick(%a: memref<?xi8>, %b: memref<?xi8>, %n: index) -> i8 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    cf.br ^bb1(%c0 : index)
  ^bb1(%i: index):
    %r = arith.remui %i, %c2 : index
    %odd = arith.cmpi ne, %r, %c0 : index
    %m = arith.select %odd, %a, %b : memref<?xi8>
    %j = arith.addi %i, %c1 : index
    %c = arith.cmpi ult, %j, %n : index
    cf.cond_br %c, ^bb1(%j : index), ^bb2
  ^bb2:
    %v = memref.load %m[%c0] : memref<?xi8>
    return %v : i8
  }
}
