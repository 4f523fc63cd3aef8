func.func private @putc(i32) -> ()
func.func @f(%n: i32) {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  %r = scf.while (%i = %c0) : (i32) -> i32 {
    %c = arith.cmpi slt, %i, %n : i32
    scf.condition(%c) %i : i32
  } do {
  ^bb0(%k: i32):
    func.call @putc(%k) : (i32) -> ()
    %k1 = arith.addi %k, %c1 : i32
    scf.yield %k1 : i32
  }
  return
}
