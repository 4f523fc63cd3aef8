func.func private @g(memref<?xi8>)
func.func private @pick() -> i1
func.func @f(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %z = arith.constant 0 : i8
  %first = memref.alloc(%c4) : memref<?xi8>
  %last = scf.for %i = %c0 to %n step %c1 iter_args(%p = %first) -> (memref<?xi8>) {
    memref.store %z, %p[%c3] : memref<?xi8>
    %c = func.call @pick() : () -> i1
    %q = scf.if %c -> (memref<?xi8>) {
      %a = memref.alloc(%c4) : memref<?xi8>
      %t = memref.alloc(%c8) : memref<?xi8>
      func.call @g(%a) : (memref<?xi8>) -> ()
      func.call @g(%t) : (memref<?xi8>) -> ()
      memref.dealloc %t : memref<?xi8>
      scf.yield %a : memref<?xi8>
    } else {
      %a = memref.alloc(%c8) : memref<?xi8>
      %t = memref.alloc(%c4) : memref<?xi8>
      func.call @g(%a) : (memref<?xi8>) -> ()
      func.call @g(%t) : (memref<?xi8>) -> ()
      memref.dealloc %t : memref<?xi8>
      scf.yield %a : memref<?xi8>
    }
    scf.yield %q : memref<?xi8>
  }
  return
}
