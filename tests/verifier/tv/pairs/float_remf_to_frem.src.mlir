// remf is C's fmod, lowered to llvm.frem (the same function)
func.func @f(%a: f32, %b: f32) -> f32 {
  %0 = arith.remf %a, %b : f32
  return %0 : f32
}
