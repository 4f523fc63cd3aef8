// review 31: the target fails an assertion when !c before calling @ext (was proved: the poison step was UB at the loop's entry)
func.func private @ext()
func.func @f(%c: i1) {
  cf.assert %c, "boom"
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %c1 step %c1 {
    func.call @ext() : () -> ()
  }
  return
}
