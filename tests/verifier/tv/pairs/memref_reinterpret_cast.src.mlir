func.func @f(%m: memref<?xi8>, %n: index) -> index {
  %r = memref.reinterpret_cast %m to offset: [0], sizes: [%n], strides: [1] : memref<?xi8> to memref<?xi8>
  %c0 = arith.constant 0 : index
  %d = memref.dim %r, %c0 : memref<?xi8>
  return %d : index
}
