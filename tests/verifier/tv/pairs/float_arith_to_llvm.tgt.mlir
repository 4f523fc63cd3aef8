func.func @f(%a: f64, %b: f64) -> f64 {
  %0 = llvm.fadd %a, %b : f64
  %1 = llvm.fmul %0, %a : f64
  %2 = llvm.fsub %1, %b : f64
  %3 = llvm.fdiv %2, %a : f64
  %4 = llvm.fneg %3 : f64
  return %4 : f64
}
func.func @g(%a: f32, %i: i32) -> i32 {
  %0 = llvm.sitofp %i : i32 to f32
  %1 = llvm.fadd %a, %0 : f32
  %2 = llvm.fpext %1 : f32 to f64
  %c = llvm.fcmp "olt" %2, %2 : f64
  %3 = llvm.fptrunc %2 : f64 to f32
  %4 = llvm.fptosi %3 : f32 to i32
  %5 = llvm.select %c, %i, %4 : i1, i32
  return %5 : i32
}
func.func @h(%a: f32, %b: f32) -> i1 {
  %c = llvm.fcmp "ult" %a, %b : f32
  return %c : i1
}
