func.func private @g() -> i32
func.func @f() -> i32 {
  %r = func.call @g() : () -> i32
  %z = arith.subi %r, %r : i32
  return %z : i32
}
