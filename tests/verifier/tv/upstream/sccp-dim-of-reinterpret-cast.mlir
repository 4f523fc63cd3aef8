func.func @f(%m: memref<?xi8>, %k: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.while (%i = %c0) : (index) -> index {
    %cond = arith.cmpi slt, %i, %k : index
    scf.condition(%cond) %i : index
  } do {
  ^bb0(%i: index):
    %j = arith.addi %i, %c1 : index
    scf.yield %j : index
  }
  %v = memref.reinterpret_cast %m to offset: [0], sizes: [%r], strides: [1] : memref<?xi8> to memref<?xi8, strided<[1]>>
  %d = memref.dim %v, %c0 : memref<?xi8, strided<[1]>>
  return %d : index
}
