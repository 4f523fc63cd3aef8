// review 33, LLVM dialect: a stored poison kept through a call that may write nothing
llvm.func @ext(!llvm.ptr)
llvm.func @f(%p: !llvm.ptr) -> i8 {
  %u = llvm.mlir.poison : i8
  llvm.store %u, %p : i8, !llvm.ptr
  llvm.call @ext(%p) : (!llvm.ptr) -> ()
  %l = llvm.load %p : !llvm.ptr -> i8
  %z = llvm.mlir.constant(0 : i8) : i8
  llvm.return %z : i8
}
