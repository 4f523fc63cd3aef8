func.func @f(%a: f32, %b: f32) -> i32 {
  %0 = llvm.fadd %a, %b : f32
  %1 = llvm.bitcast %0 : f32 to i32
  return %1 : i32
}
func.func @g(%a: f32) -> i32 {
  %1 = llvm.bitcast %a : f32 to i32
  return %1 : i32
}
