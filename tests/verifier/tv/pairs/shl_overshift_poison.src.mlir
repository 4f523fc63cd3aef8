// a shift by >= the width is poison: anything refines it
func.func @f(%a: i32, %b: i32) -> i32 {
  %c33 = arith.constant 33 : i32
  %0 = arith.shli %a, %c33 : i32
  return %0 : i32
}
