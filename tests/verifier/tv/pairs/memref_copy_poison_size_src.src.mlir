func.func @f(%c: i1, %a: memref<4xi8>, %b: memref<4xi8>) {
  scf.if %c {
    memref.copy %a, %b : memref<4xi8> to memref<4xi8>
  } else {
    %p = ub.poison : index
    %a2 = memref.reinterpret_cast %a to offset: [0], sizes: [%p], strides: [1] : memref<4xi8> to memref<?xi8>
    %b2 = memref.reinterpret_cast %b to offset: [0], sizes: [%p], strides: [1] : memref<4xi8> to memref<?xi8>
    memref.copy %a2, %b2 : memref<?xi8> to memref<?xi8>
  }
  return
}
