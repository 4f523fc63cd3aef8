// llvm.freeze choices: the same freeze on both sides (proved: each target value is one of the source's), a target freezing a select that is the same poison (proved), a source whose every frozen value gives 0 or 1 against a target returning 2 (refuted: for all of the source's values), two freezes per loop iteration used as one (refuted, the model's value of each execution replayed)
llvm.func @same(%a: i32) -> i32 {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %x = llvm.add %a, %c1 overflow<nsw> : i32
  %y = llvm.freeze %x : i32
  llvm.return %y : i32
}
llvm.func @zero(%a: i32) -> i32 {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %x = llvm.add %a, %c1 overflow<nsw> : i32
  %y = llvm.freeze %x : i32
  llvm.return %y : i32
}
llvm.func @masked(%a: i32) -> i32 {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %x = llvm.add %a, %c1 overflow<nsw> : i32
  %y = llvm.freeze %x : i32
  %z = llvm.and %y, %c1 : i32
  llvm.return %z : i32
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
  %d = llvm.sub %y, %y : i32
  %s2 = llvm.add %s, %d : i32
  %i2 = llvm.add %i, %c1 : i32
  llvm.br ^h(%i2, %s2 : i32, i32)
^e:
  llvm.return %s : i32
}
