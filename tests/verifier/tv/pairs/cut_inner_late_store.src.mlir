func.func @f(%a: memref<?x?xi32>, %n: index, %m: index) -> i32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i32
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %z) -> (i32) {
    %r2 = scf.for %j = %c0 to %m step %c1 iter_args(%acc2 = %acc) -> (i32) {
      %v = memref.load %a[%i, %j] : memref<?x?xi32>
      %s = arith.addi %acc2, %v : i32
      memref.store %s, %a[%i, %j] : memref<?x?xi32>
      scf.yield %s : i32
    }
    scf.yield %r2 : i32
  }
  return %r : i32
}
