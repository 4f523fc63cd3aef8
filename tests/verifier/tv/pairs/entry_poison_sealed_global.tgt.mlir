llvm.mlir.global private @k(0 : i8) : i8
llvm.func @f() -> i8 {
  %a = llvm.mlir.addressof @k : !llvm.ptr
  %l = llvm.load %a : !llvm.ptr -> i8
  %z = llvm.sub %l, %l : i8
  llvm.return %z : i8
}
