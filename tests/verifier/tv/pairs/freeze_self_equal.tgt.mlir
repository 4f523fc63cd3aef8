llvm.func @f(%a: i32) -> i1 {
  %t = llvm.mlir.constant(true) : i1
  llvm.return %t : i1
}
