func.func @f(%c: i1, %a: memref<4xi8>, %b: memref<4xi8>) {
  %c4 = arith.constant 4 : index
  %p = ub.poison : index
  %s = arith.select %c, %c4, %p : index
  %a2 = memref.reinterpret_cast %a to offset: [0], sizes: [%s], strides: [1] : memref<4xi8> to memref<?xi8>
  %b2 = memref.reinterpret_cast %b to offset: [0], sizes: [%s], strides: [1] : memref<4xi8> to memref<?xi8>
  memref.copy %a2, %b2 : memref<?xi8> to memref<?xi8>
  return
}
