// a mutable global: arbitrary initial contents, observable afterwards
memref.global "private" @counter : memref<1xi64> = dense<0>
func.func @f(%v: i64) {
  %g = memref.get_global @counter : memref<1xi64>
  %c0 = arith.constant 0 : index
  %0 = memref.load %g[%c0] : memref<1xi64>
  %1 = arith.addi %0, %v : i64
  memref.store %1, %g[%c0] : memref<1xi64>
  return
}
