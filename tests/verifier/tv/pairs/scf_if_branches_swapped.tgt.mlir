func.func @f(%c: i1, %a: i32, %b: i32) -> i32 {
  cf.cond_br %c, ^bb2, ^bb1
^bb1:
  %1 = arith.addi %a, %b : i32
  cf.br ^bb3(%1 : i32)
^bb2:
  %2 = arith.subi %a, %b : i32
  cf.br ^bb3(%2 : i32)
^bb3(%r: i32):
  return %r : i32
}
