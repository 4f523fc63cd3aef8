llvm.func @same(%a: i32) -> i32 {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %x = llvm.add %a, %c1 overflow<nsw> : i32
  %y = llvm.freeze %x : i32
  llvm.return %y : i32
}
llvm.func @zero(%a: i32) -> i32 {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %x = llvm.add %a, %c1 overflow<nsw> : i32
  %c0 = llvm.mlir.constant(0 : i32) : i32
  %b = llvm.icmp "eq" %a, %a : i32
  %r = llvm.select %b, %x, %c0 : i1, i32
  %y = llvm.freeze %r : i32
  llvm.return %y : i32
}
llvm.func @masked(%a: i32) -> i32 {
  %c2 = llvm.mlir.constant(2 : i32) : i32
  llvm.return %c2 : i32
}
llvm.func @loop(%a: i32, %n: i32) -> i32 {
  %c0 = llvm.mlir.constant(0 : i32) : i32
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %p = llvm.mlir.poison : i32
  llvm.br ^h(%c0, %c0 : i32, i32)
^h(%i: i32, %s: i32):
  %c = llvm.icmp "slt" %i, %n : i32
  llvm.cond_br %c, ^b, ^e
^b:
  %y = llvm.freeze %p : i32
  %y2 = llvm.freeze %p : i32
  %d = llvm.sub %y, %y2 : i32
  %s2 = llvm.add %s, %d : i32
  %i2 = llvm.add %i, %c1 : i32
  llvm.br ^h(%i2, %s2 : i32, i32)
^e:
  llvm.return %s : i32
}
