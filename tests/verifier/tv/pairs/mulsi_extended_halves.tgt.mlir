func.func @f(%a: i16, %b: i16) -> (i16, i16) {
  %lo = arith.muli %a, %b : i16
  %x = arith.extsi %a : i16 to i32
  %y = arith.extsi %b : i16 to i32
  %p = arith.muli %x, %y : i32
  %c16 = arith.constant 16 : i32
  %h = arith.shrsi %p, %c16 : i32
  %hi = arith.trunci %h : i32 to i16
  return %lo, %hi : i16, i16
}
