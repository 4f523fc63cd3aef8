// review 35 F3: a private global no call can reach, read after an external call
memref.global "private" @k : memref<4xi8> = dense<0>
func.func private @ext()
func.func @f() -> i8 {
  %c0 = arith.constant 0 : index
  %g = memref.get_global @k : memref<4xi8>
  func.call @ext() : () -> ()
  %l = memref.load %g[%c0] : memref<4xi8>
  %z = arith.constant 0 : i8
  return %z : i8
}
