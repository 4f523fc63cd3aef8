func.func @f(%a: i16, %b: i16) -> i16 {
  %x = arith.extsi %a : i16 to i32
  %y = arith.extsi %b : i16 to i32
  %p = arith.muli %x, %y : i32
  %c16 = arith.constant 16 : i32
  %h = arith.shrui %p, %c16 : i32
  %r = arith.trunci %h : i32 to i16
  return %r : i16
}
