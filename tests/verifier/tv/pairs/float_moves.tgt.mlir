llvm.func @f(%c: i1, %a: f64, %b: f64) -> f64 {
  %0 = llvm.select %c, %a, %b : i1, f64
  llvm.return %0 : f64
}
