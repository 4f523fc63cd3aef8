llvm.func @f(%n: i64) -> i64 {
  %0 = llvm.mlir.zero : !llvm.ptr
  %1 = llvm.getelementptr %0[%n] : (!llvm.ptr, i64) -> !llvm.ptr, i64
  %2 = llvm.ptrtoint %1 : !llvm.ptr to i64
  llvm.return %2 : i64
}
