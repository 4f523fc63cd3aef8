llvm.func @f(%p: !llvm.ptr) -> i8 {
  %l = llvm.load %p : !llvm.ptr -> i8
  llvm.return %l : i8
}
