func.func private @ext(memref<4xi8>)
func.func @f(%m: memref<4xi8>) -> i8 {
  %c0 = arith.constant 0 : index
  %p = ub.poison : i8
  memref.store %p, %m[%c0] : memref<4xi8>
  func.call @ext(%m) : (memref<4xi8>) -> ()
  %l = memref.load %m[%c0] : memref<4xi8>
  %z = arith.subi %l, %l : i8
  return %z : i8
}
