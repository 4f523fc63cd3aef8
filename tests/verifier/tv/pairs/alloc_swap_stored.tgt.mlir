llvm.func @malloc(i64) -> !llvm.ptr
llvm.func @f(%p: !llvm.ptr, %v: i8) {
  %c4 = llvm.mlir.constant(4 : i64) : i64
  %c7 = llvm.mlir.constant(7 : i8) : i8
  %b = llvm.call @malloc(%c4) : (i64) -> !llvm.ptr
  %a = llvm.call @malloc(%c4) : (i64) -> !llvm.ptr
  llvm.store %v, %a : i8, !llvm.ptr
  llvm.store %c7, %b : i8, !llvm.ptr
  llvm.store %a, %p : !llvm.ptr, !llvm.ptr
  %q = llvm.getelementptr %p[1] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
  llvm.store %b, %q : !llvm.ptr, !llvm.ptr
  llvm.return
}
