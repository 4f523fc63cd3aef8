// a call cannot change memory whose address it never saw
func.func private @h(i64)
func.func @f(%x: i64) -> i64 {
  %a = memref.alloca() : memref<1xi64>
  %c0 = arith.constant 0 : index
  memref.store %x, %a[%c0] : memref<1xi64>
  func.call @h(%x) : (i64) -> ()
  %0 = memref.load %a[%c0] : memref<1xi64>
  return %0 : i64
}
