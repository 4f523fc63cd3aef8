// the same bytes through a view that starts 8 bytes earlier
func.func @f(%buf: memref<?xi8>, %k: index) -> i32 {
  %c8 = arith.constant 8 : index
  %c4 = arith.constant 4 : index
  %v = memref.view %buf[%c8][%c4] : memref<?xi8> to memref<?xi32>
  %0 = memref.load %v[%k] : memref<?xi32>
  return %0 : i32
}
