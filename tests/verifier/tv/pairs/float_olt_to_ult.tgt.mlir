func.func @f(%a: f32, %b: f32) -> i1 {
  %c = llvm.fcmp "ult" %a, %b : f32
  return %c : i1
}
