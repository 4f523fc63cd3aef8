func.func @f(%c: i1, %a: memref<4xi8>, %b: memref<4xi8>) {
  scf.if %c {
    memref.copy %a, %b : memref<4xi8> to memref<4xi8>
  } else {
    %a2 = memref.subview %a[0] [2] [1] : memref<4xi8> to memref<2xi8, strided<[1]>>
    %b2 = memref.subview %b[0] [2] [1] : memref<4xi8> to memref<2xi8, strided<[1]>>
    memref.copy %a2, %b2 : memref<2xi8, strided<[1]>> to memref<2xi8, strided<[1]>>
  }
  return
}
