func.func private @g(memref<?xi8>)
func.func private @pick() -> i1
func.func @f(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %n step %c1 {
    %c = func.call @pick() : () -> i1
    scf.if %c {
      %a = memref.alloc(%c4) : memref<?xi8>
      %b = memref.alloc(%c8) : memref<?xi8>
      func.call @g(%a) : (memref<?xi8>) -> ()
      func.call @g(%b) : (memref<?xi8>) -> ()
      memref.dealloc %b : memref<?xi8>
    } else {
      %a = memref.alloc(%c8) : memref<?xi8>
      %b = memref.alloc(%c4) : memref<?xi8>
      func.call @g(%a) : (memref<?xi8>) -> ()
      func.call @g(%b) : (memref<?xi8>) -> ()
      memref.dealloc %b : memref<?xi8>
    }
  }
  return
}
