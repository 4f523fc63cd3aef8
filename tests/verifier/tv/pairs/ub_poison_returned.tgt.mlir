func.func @f(%a: i32, %b: i32) -> i32 {
  %p = ub.poison : i32
  %c = arith.cmpi slt, %a, %b : i32
  %r = arith.select %c, %a, %p : i32
  return %r : i32
}
