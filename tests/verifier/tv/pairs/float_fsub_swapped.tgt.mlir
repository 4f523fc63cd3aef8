func.func @f(%a: f64, %b: f64) -> f64 {
  %0 = llvm.fsub %b, %a : f64
  return %0 : f64
}
