func.func @f(%n: index, %s: i64) -> i64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c100 = arith.constant 100 : index
  %c5 = arith.constant 5 : i32
  %c7 = arith.constant 7 : i32
  %one = arith.constant 1 : i64
  %A = memref.alloca() : memref<1xi32>
  %C = memref.alloca() : memref<1xi32>
  memref.store %c5, %A[%c0] : memref<1xi32>
  memref.store %c7, %C[%c0] : memref<1xi32>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%x = %s) -> (i64) {
    %x2 = arith.addi %x, %one : i64
    scf.yield %x2 : i64
  }
  %v = memref.load %A[%c0] : memref<1xi32>
  %w = arith.extui %v : i32 to i64
  %o = arith.addi %r, %w : i64
  return %o : i64
}
