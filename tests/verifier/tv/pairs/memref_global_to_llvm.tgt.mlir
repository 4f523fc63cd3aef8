llvm.mlir.global private @counter(dense<0> : tensor<1xi64>) {addr_space = 0 : i32} : !llvm.array<1 x i64>
llvm.func @f(%v: i64) {
  %g = llvm.mlir.addressof @counter : !llvm.ptr
  %p = llvm.getelementptr %g[0, 0] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<1 x i64>
  %0 = llvm.load %p : !llvm.ptr -> i64
  %1 = llvm.add %0, %v : i64
  llvm.store %1, %p : i64, !llvm.ptr
  llvm.return
}
