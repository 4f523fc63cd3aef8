func.func @f(%c: i1) -> i64 {
  %z = arith.constant 0 : index
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  %a = memref.alloc() : memref<1xi64>
  %g = arith.constant 7 : i64
  memref.store %g, %a[%z] : memref<1xi64>
  cf.br ^bb3(%a : memref<1xi64>)
^bb2:
  %b = memref.alloc() : memref<1xi64>
  %one = arith.constant 1 : i64
  %two = arith.constant 2 : i64
  %v = arith.select %c, %one, %two : i64
  memref.store %v, %b[%z] : memref<1xi64>
  cf.br ^bb3(%b : memref<1xi64>)
^bb3(%m: memref<1xi64>):
  %r = memref.load %m[%z] : memref<1xi64>
  return %r : i64
}
