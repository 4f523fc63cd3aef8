// memcpy of 4 bytes turned into an i32 load and store: one poison byte poisons the whole i32
// (LangRef; llvm/llvm-project#176685 reports this transform). Review 36.
llvm.func @f(%d: !llvm.ptr, %s: !llvm.ptr) {
  %n = llvm.mlir.constant(4 : i64) : i64
  "llvm.intr.memcpy"(%d, %s, %n) <{isVolatile = false}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
  llvm.return
}
