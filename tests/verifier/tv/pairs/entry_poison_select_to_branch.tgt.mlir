llvm.func @f(%p: !llvm.ptr) -> i8 {
  %l = llvm.load %p : !llvm.ptr -> i8
  %c5 = llvm.mlir.constant(5 : i8) : i8
  %c = llvm.icmp "ult" %l, %c5 : i8
  llvm.cond_br %c, ^a, ^b
^a:
  %one = llvm.mlir.constant(1 : i8) : i8
  llvm.return %one : i8
^b:
  %two = llvm.mlir.constant(2 : i8) : i8
  llvm.return %two : i8
}
