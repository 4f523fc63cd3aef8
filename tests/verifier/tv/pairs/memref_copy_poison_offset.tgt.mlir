func.func @f(%c: i1, %a: memref<4xi8>, %b: memref<4xi8>) {
  %p = ub.poison : index
  %a2 = memref.reinterpret_cast %a to offset: [%p], sizes: [4], strides: [1] : memref<4xi8> to memref<4xi8, strided<[1], offset: ?>>
  memref.copy %a2, %b : memref<4xi8, strided<[1], offset: ?>> to memref<4xi8>
  return
}
