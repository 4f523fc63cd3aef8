func.func private @use(memref<4xi8>)
func.func @f(%v: i8) -> i8 {
  %c0 = arith.constant 0 : index
  %c7 = arith.constant 7 : i8
  %c8 = arith.constant 8 : i8
  %b = memref.alloc() : memref<4xi8>
  %a = memref.alloc() : memref<4xi8>
  memref.store %v, %a[%c0] : memref<4xi8>
  memref.store %c8, %b[%c0] : memref<4xi8>
  call @use(%a) : (memref<4xi8>) -> ()
  call @use(%b) : (memref<4xi8>) -> ()
  return %v : i8
}
