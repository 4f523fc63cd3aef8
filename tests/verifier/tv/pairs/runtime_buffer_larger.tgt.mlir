module {
  llvm.func @malloc(i64) -> !llvm.ptr
  func.func private @clef_fmt_u64(i64, !llvm.ptr, !llvm.ptr, i64, i64, i64) -> i64
  func.func private @clef_write(!llvm.ptr, !llvm.ptr, i64, i64, i64)
  func.func @show(%v: i64) {
    %c32 = llvm.mlir.constant(32 : i64) : i64
    %c0 = llvm.mlir.constant(0 : i64) : i64
    %c1 = llvm.mlir.constant(1 : i64) : i64
    %c40 = llvm.mlir.constant(40 : i64) : i64
    %p = llvm.call @malloc(%c40) : (i64) -> !llvm.ptr
    %n = func.call @clef_fmt_u64(%v, %p, %p, %c0, %c32, %c1) : (i64, !llvm.ptr, !llvm.ptr, i64, i64, i64) -> i64
    func.call @clef_write(%p, %p, %c0, %n, %c1) : (!llvm.ptr, !llvm.ptr, i64, i64, i64) -> ()
    return
  }
}
