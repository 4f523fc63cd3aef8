func.func @f(%c: i1, %a: memref<4xi8>) -> i8 {
  %c0 = arith.constant 0 : index
  %v = memref.load %a[%c0] : memref<4xi8>
  return %v : i8
}
