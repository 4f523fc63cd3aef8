func.func @f(%m: memref<?xi16, strided<[1], offset: ?>>) -> index {
  %b, %o, %s, %st = memref.extract_strided_metadata %m : memref<?xi16, strided<[1], offset: ?>> -> memref<i16>, index, index, index
  %r = arith.addi %o, %s : index
  return %r : index
}
