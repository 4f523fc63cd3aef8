func.func @m(%p: !llvm.ptr, %n: i64) -> i64 {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  llvm.br ^head(%c0 : i64)
^head(%i: i64):
  %more = llvm.icmp "slt" %i, %n : i64
  llvm.cond_br %more, ^body, ^exit
^body:
  llvm.store %i, %p : i64, !llvm.ptr
  %i2 = llvm.add %i, %c1 : i64
  llvm.br ^head(%i2 : i64)
^exit:
  return %i : i64
}
