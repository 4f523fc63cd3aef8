// argument memory at entry: may hold poison (a caller's stored poison)
func.func @f(%m: memref<4xi8>) -> i8 {
  %c0 = arith.constant 0 : index
  %l = memref.load %m[%c0] : memref<4xi8>
  %z = arith.constant 0 : i8
  return %z : i8
}
