func.func @f(%c: i1, %a: memref<4xi8>) -> i8 {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %p = ub.poison : index
  %s = arith.select %c, %c4, %p : index
  %a2 = memref.reinterpret_cast %a to offset: [0], sizes: [%s], strides: [1] : memref<4xi8> to memref<?xi8>
  %a3 = memref.cast %a2 : memref<?xi8> to memref<4xi8>
  %v = memref.load %a3[%c0] : memref<4xi8>
  return %v : i8
}
