func.func @f(%a: i32, %b: i32) -> i32 {
  %c = arith.cmpi sgt, %a, %b : i32
  %0 = arith.select %c, %a, %b : i32
  return %0 : i32
}
