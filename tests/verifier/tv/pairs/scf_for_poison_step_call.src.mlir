// review 31: the source's scf.for has a poison step when !c; its UB comes at the lowered header's branch after the body ran, and the body calls @ext, which may not return
func.func private @ext()
func.func @f(%c: i1) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %p = ub.poison : index
  %st = arith.select %c, %c1, %p : index
  scf.for %i = %c0 to %c1 step %st {
    func.call @ext() : () -> ()
  }
  return
}
