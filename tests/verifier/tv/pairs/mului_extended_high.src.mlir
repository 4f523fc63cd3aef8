func.func @f(%a: i32, %b: i32) -> i32 {
  %lo, %hi = arith.mului_extended %a, %b : i32
  return %hi : i32
}
