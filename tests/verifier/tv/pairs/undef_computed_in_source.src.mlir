// undef & 0 is 0, which modelling undef as poison would lose: refused in a source
llvm.func @f(%a: i32) -> i32 {
  %u = llvm.mlir.undef : i32
  %c0 = llvm.mlir.constant(0 : i32) : i32
  %0 = llvm.and %u, %c0 : i32
  llvm.return %0 : i32
}
