// the target may define what the source leaves undefined
func.func @f(%a: i32, %b: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %z = arith.cmpi eq, %a, %c0 : i32
  cf.cond_br %z, ^bad, ^ok
^bad:
  llvm.unreachable
^ok:
  %0 = arith.addi %a, %b : i32
  return %0 : i32
}
