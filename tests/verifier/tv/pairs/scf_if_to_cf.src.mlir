// convert-scf-to-cf on an if
func.func @f(%c: i1, %a: i32, %b: i32) -> i32 {
  %0 = scf.if %c -> i32 {
    %1 = arith.addi %a, %b : i32
    scf.yield %1 : i32
  } else {
    %2 = arith.subi %a, %b : i32
    scf.yield %2 : i32
  }
  return %0 : i32
}
