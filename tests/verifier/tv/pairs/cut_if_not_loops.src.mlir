func.func @f(%c: i1, %n: index, %p: memref<?xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %true = arith.constant true
  %a = arith.constant 1 : i32
  %b = arith.constant 2 : i32
  %nc = arith.xori %c, %true : i1
  scf.if %nc {
    scf.for %i = %c0 to %n step %c1 {
      memref.store %a, %p[%i] : memref<?xi32>
    }
  } else {
    scf.for %i = %c0 to %n step %c1 {
      memref.store %b, %p[%i] : memref<?xi32>
    }
  }
  return
}
