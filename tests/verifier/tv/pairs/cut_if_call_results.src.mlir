func.func private @mk(index) -> memref<?xi8>
func.func private @use(memref<?xi8>)
func.func private @pick() -> i1
func.func @f(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %z = arith.constant 0 : i8
  scf.for %i = %c0 to %n step %c1 {
    %c = func.call @pick() : () -> i1
    %m = scf.if %c -> (memref<?xi8>) {
      %a = func.call @mk(%c4) : (index) -> memref<?xi8>
      scf.yield %a : memref<?xi8>
    } else {
      %t = func.call @mk(%c8) : (index) -> memref<?xi8>
      %b = func.call @mk(%c4) : (index) -> memref<?xi8>
      func.call @use(%t) : (memref<?xi8>) -> ()
      scf.yield %b : memref<?xi8>
    }
    func.call @use(%m) : (memref<?xi8>) -> ()
  }
  return
}
