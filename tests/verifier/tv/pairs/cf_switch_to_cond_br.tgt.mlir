func.func @f(%x: i32, %a: i32, %b: i32) -> i32 {
  %c7 = arith.constant 7 : i32
  %c = arith.cmpi eq, %x, %c7 : i32
  cf.cond_br %c, ^bb1(%b : i32), ^bb1(%a : i32)
^bb1(%r: i32):
  return %r : i32
}
