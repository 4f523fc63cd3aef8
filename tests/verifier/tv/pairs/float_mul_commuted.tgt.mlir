func.func @f(%a: f64, %b: f64) -> f64 {
  %c = llvm.mlir.constant(2.500000e-01 : f64) : f64
  %0 = llvm.fmul %a, %c : f64
  %1 = llvm.fmul %0, %b : f64
  return %1 : f64
}
