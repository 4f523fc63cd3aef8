llvm.func @f(%a: i32) -> i32 {
  %p = llvm.mlir.poison : i32
  %y = llvm.freeze %p : i32
  llvm.return %y : i32
}
