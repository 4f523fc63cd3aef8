func.func @f(%a: i32, %b: i32) -> (i32, i1) {
  %s = arith.addi %a, %b : i32
  %c = arith.cmpi ult, %s, %b : i32
  return %s, %c : i32, i1
}
