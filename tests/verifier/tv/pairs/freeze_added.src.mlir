// a target returning freeze(x) where the source returns x (x poison when %a + 1 overflows)
llvm.func @f(%a: i32) -> i32 {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %x = llvm.add %a, %c1 overflow<nsw> : i32
  llvm.return %x : i32
}
