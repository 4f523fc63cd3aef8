func.func @f(%a: f32, %b: f32) -> f32 {
  %0 = llvm.frem %a, %b : f32
  return %0 : f32
}
