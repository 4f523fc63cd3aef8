// the callee reads the argument memory before the store in the target
func.func private @h(memref<4xi32>)
func.func @f(%m: memref<4xi32>, %v: i32) {
  %c0 = arith.constant 0 : index
  memref.store %v, %m[%c0] : memref<4xi32>
  func.call @h(%m) : (memref<4xi32>) -> ()
  return
}
