llvm.func @f(%a: i32) -> i32 {
  %c0 = llvm.mlir.constant(0 : i32) : i32
  llvm.return %c0 : i32
}
