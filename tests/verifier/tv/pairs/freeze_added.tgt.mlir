llvm.func @f(%a: i32) -> i32 {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %x = llvm.add %a, %c1 overflow<nsw> : i32
  %y = llvm.freeze %x : i32
  llvm.return %y : i32
}
