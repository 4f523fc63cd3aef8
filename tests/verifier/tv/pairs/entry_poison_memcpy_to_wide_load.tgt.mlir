// InstCombine's memcpy -> i32 load/store
llvm.func @f(%d: !llvm.ptr, %s: !llvm.ptr) {
  %l = llvm.load %s {alignment = 1 : i64} : !llvm.ptr -> i32
  llvm.store %l, %d {alignment = 1 : i64} : i32, !llvm.ptr
  llvm.return
}
