llvm.func @f(%a: i32, %b: i32) -> i32 {
  %0 = llvm.udiv %a, %b : i32
  llvm.return %0 : i32
}
