func.func @f(%c: i1, %a: memref<4xi8>, %b: memref<4xi8>) {
  memref.copy %a, %b : memref<4xi8> to memref<4xi8>
  return
}
