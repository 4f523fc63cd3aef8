llvm.func @f(%a: i64, %b: i64) -> i1 {
  %0 = llvm.icmp "sle" %a, %b : i64
  llvm.return %0 : i1
}
