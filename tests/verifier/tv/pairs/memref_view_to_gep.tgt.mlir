func.func @f(%buf: memref<?xi8>, %k: index) -> i32 {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c6 = arith.constant 6 : index
  %j = arith.addi %k, %c2 : index
  %v = memref.view %buf[%c0][%c6] : memref<?xi8> to memref<?xi32>
  %0 = memref.load %v[%j] : memref<?xi32>
  return %0 : i32
}
