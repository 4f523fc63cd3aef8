func.func private @use(memref<?xi8>)
func.func @f(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %b0 = memref.alloc(%c4) : memref<?xi8>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%prev = %b0) -> (memref<?xi8>) {
    %b = memref.alloc(%c4) : memref<?xi8>
    %v = memref.load %prev[%c0] : memref<?xi8>
    memref.store %v, %b[%c0] : memref<?xi8>
    func.call @use(%b) : (memref<?xi8>) -> ()
    scf.yield %b : memref<?xi8>
  }
  return
}
