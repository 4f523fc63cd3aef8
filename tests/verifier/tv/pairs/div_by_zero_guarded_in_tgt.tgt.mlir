func.func @f(%a: i32, %b: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %z = arith.cmpi eq, %b, %c0 : i32
  %c1 = arith.constant 1 : i32
  %d = arith.select %z, %c1, %b : i32
  %0 = arith.divsi %a, %d : i32
  %r = arith.select %z, %c0, %0 : i32
  return %r : i32
}
