// select -> branch (CodeGenPrepare's select-to-branch without freeze) on a byte loaded from the caller's memory
llvm.func @f(%p: !llvm.ptr) -> i8 {
  %l = llvm.load %p : !llvm.ptr -> i8
  %c5 = llvm.mlir.constant(5 : i8) : i8
  %c = llvm.icmp "ult" %l, %c5 : i8
  %one = llvm.mlir.constant(1 : i8) : i8
  %two = llvm.mlir.constant(2 : i8) : i8
  %r = llvm.select %c, %one, %two : i1, i8
  llvm.return %r : i8
}
