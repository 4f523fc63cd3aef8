func.func @f(%a: i8) -> i32 {
  %0 = arith.extsi %a : i8 to i32
  return %0 : i32
}
