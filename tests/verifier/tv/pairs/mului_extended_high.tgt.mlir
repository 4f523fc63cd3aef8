func.func @f(%a: i32, %b: i32) -> i32 {
  %x = arith.extui %a : i32 to i64
  %y = arith.extui %b : i32 to i64
  %p = arith.muli %x, %y : i64
  %c32 = arith.constant 32 : i64
  %h = arith.shrui %p, %c32 : i64
  %r = arith.trunci %h : i64 to i32
  return %r : i32
}
