llvm.func @malloc(i64) -> !llvm.ptr
llvm.func @use(!llvm.ptr)
llvm.func @f(%v: i8) -> !llvm.ptr {
  %c4 = llvm.mlir.constant(4 : i64) : i64
  %c7 = llvm.mlir.constant(7 : i8) : i8
  %a = llvm.call @malloc(%c4) : (i64) -> !llvm.ptr
  %b = llvm.call @malloc(%c4) : (i64) -> !llvm.ptr
  llvm.store %v, %a : i8, !llvm.ptr
  llvm.store %c7, %b : i8, !llvm.ptr
  llvm.call @use(%a) : (!llvm.ptr) -> ()
  llvm.return %b : !llvm.ptr
}
