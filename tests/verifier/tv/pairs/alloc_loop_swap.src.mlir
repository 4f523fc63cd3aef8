func.func private @use(memref<4xi8>)
func.func @f(%v: i8, %n: index) -> i8 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c7 = arith.constant 7 : i8
  scf.for %i = %c0 to %n step %c1 {
    %a = memref.alloc() : memref<4xi8>
    %b = memref.alloc() : memref<4xi8>
    memref.store %v, %a[%c0] : memref<4xi8>
    memref.store %c7, %b[%c0] : memref<4xi8>
    func.call @use(%a) : (memref<4xi8>) -> ()
    func.call @use(%b) : (memref<4xi8>) -> ()
  }
  return %v : i8
}
