// the bits of a computed float: a NaN's payload is unspecified (one canonical NaN stands for
// all of them), so exposing them as an integer cannot be proved either way
func.func @f(%a: f32, %b: f32) -> i32 {
  %0 = arith.addf %a, %b : f32
  %1 = arith.bitcast %0 : f32 to i32
  return %1 : i32
}
// the bits of an argument are its own: proved
func.func @g(%a: f32) -> i32 {
  %1 = arith.bitcast %a : f32 to i32
  return %1 : i32
}
