func.func @f(%a: f32) -> i32 {
  %0 = llvm.fptoui %a : f32 to i32
  return %0 : i32
}
