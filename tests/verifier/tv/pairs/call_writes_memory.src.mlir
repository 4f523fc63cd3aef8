// the load moved above a call that may write the memory
func.func private @h(memref<4xi32>)
func.func @f(%m: memref<4xi32>) -> i32 {
  %c0 = arith.constant 0 : index
  func.call @h(%m) : (memref<4xi32>) -> ()
  %0 = memref.load %m[%c0] : memref<4xi32>
  return %0 : i32
}
