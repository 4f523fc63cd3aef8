func.func private @clef_argc() -> i32
func.func @f() -> i32 {
  %r = func.call @clef_argc() : () -> i32
  %z = arith.subi %r, %r : i32
  return %z : i32
}
