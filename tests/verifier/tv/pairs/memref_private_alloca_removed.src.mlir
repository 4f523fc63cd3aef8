// private memory is not observable
func.func @f(%v: i32) -> i32 {
  %a = memref.alloca() : memref<2xi32>
  %c0 = arith.constant 0 : index
  memref.store %v, %a[%c0] : memref<2xi32>
  %0 = memref.load %a[%c0] : memref<2xi32>
  return %0 : i32
}
