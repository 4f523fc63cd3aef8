// review 33 in a loop: each iteration stores poison, calls @ext, reloads; for any length
func.func private @ext(memref<4xi8>)
func.func @f(%m: memref<4xi8>, %n: index) -> i8 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i8
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%a = %z) -> (i8) {
    %p = ub.poison : i8
    memref.store %p, %m[%c0] : memref<4xi8>
    func.call @ext(%m) : (memref<4xi8>) -> ()
    %l = memref.load %m[%c0] : memref<4xi8>
    scf.yield %a : i8
  }
  return %r : i8
}
