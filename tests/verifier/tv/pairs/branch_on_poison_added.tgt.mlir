func.func @f(%a: i32, %b: i32) -> i32 {
  %0 = arith.addi %a, %b overflow<nsw> : i32
  %c0 = arith.constant 0 : i32
  %c = arith.cmpi sgt, %0, %c0 : i32
  cf.cond_br %c, ^bb1, ^bb1
^bb1:
  return %a : i32
}
