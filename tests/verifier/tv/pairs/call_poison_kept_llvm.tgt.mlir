llvm.func @ext(!llvm.ptr)
llvm.func @f(%p: !llvm.ptr) -> i8 {
  %u = llvm.mlir.poison : i8
  llvm.store %u, %p : i8, !llvm.ptr
  llvm.call @ext(%p) : (!llvm.ptr) -> ()
  %l = llvm.load %p : !llvm.ptr -> i8
  %z = llvm.sub %l, %l : i8
  llvm.return %z : i8
}
