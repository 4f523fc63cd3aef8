func.func @f(%a: i32, %b: i32) -> i32 {
  %0 = llvm.add %a, %b : i32
  %1 = llvm.mul %0, %a overflow<nsw> : i32
  %2 = llvm.lshr %1, %b : i32
  %c = llvm.icmp "ult" %2, %a : i32
  %3 = llvm.select %c, %2, %b : i1, i32
  %4 = llvm.sext %3 : i32 to i64
  %5 = llvm.trunc %4 : i64 to i32
  return %5 : i32
}
