llvm.func @f(%a: i64, %b: i64) -> i64 {
  %0 = llvm.udiv %a, %b : i64
  llvm.return %0 : i64
}
