// review 33: the target branches on a reloaded stored poison (UB), the source does not
func.func private @ext(memref<4xi8>)
func.func @f() -> i8 {
  %c0 = arith.constant 0 : index
  %m = memref.alloca() : memref<4xi8>
  %p = ub.poison : i8
  memref.store %p, %m[%c0] : memref<4xi8>
  func.call @ext(%m) : (memref<4xi8>) -> ()
  %l = memref.load %m[%c0] : memref<4xi8>
  %c = arith.constant true
  %r = scf.if %c -> (i8) {
    %a = arith.constant 1 : i8
    scf.yield %a : i8
  } else {
    %b = arith.constant 2 : i8
    scf.yield %b : i8
  }
  return %r : i8
}
