func.func @f(%c: i1) -> i32 {
  %0 = arith.extui %c : i1 to i32
  return %0 : i32
}
