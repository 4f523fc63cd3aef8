llvm.func @f(%alloc: !llvm.ptr, %aligned: !llvm.ptr, %off: i64, %size: i64, %stride: i64, %i: i64) -> i64 {
  %0 = llvm.getelementptr %aligned[%off] : (!llvm.ptr, i64) -> !llvm.ptr, i64
  %1 = llvm.getelementptr %0[%i] : (!llvm.ptr, i64) -> !llvm.ptr, i64
  %2 = llvm.load %1 : !llvm.ptr -> i64
  llvm.return %2 : i64
}
