// LangRef 'freeze': of poison, an arbitrary but fixed value; poison is refined by it
llvm.func @f(%a: i32) -> i32 {
  %p = llvm.mlir.poison : i32
  llvm.return %p : i32
}
