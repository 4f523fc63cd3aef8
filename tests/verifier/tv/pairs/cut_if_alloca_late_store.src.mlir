func.func @f(%c: i1, %n: index) -> i32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i32
  %buf = scf.if %c -> memref<4xi32> {
    %a = memref.alloca() : memref<4xi32>
    memref.store %z, %a[%c0] : memref<4xi32>
    scf.yield %a : memref<4xi32>
  } else {
    %b = memref.alloca() : memref<4xi32>
    memref.store %z, %b[%c0] : memref<4xi32>
    scf.yield %b : memref<4xi32>
  }
  scf.for %i = %c0 to %n step %c1 {
    %v = memref.load %buf[%c0] : memref<4xi32>
    memref.store %v, %buf[%c0] : memref<4xi32>
  }
  %r = memref.load %buf[%c0] : memref<4xi32>
  return %r : i32
}
