llvm.func @f(%a: i64, %b: i64) -> i64 {
  %0 = llvm.sdiv %a, %b : i64
  llvm.return %0 : i64
}
