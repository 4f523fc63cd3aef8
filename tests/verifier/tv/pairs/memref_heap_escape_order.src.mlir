// the callee receives the blocks in the other order
func.func private @use(memref<?xi8>)
func.func @f(%n: index) {
  %a = memref.alloc(%n) : memref<?xi8>
  %b = memref.alloc(%n) : memref<?xi8>
  func.call @use(%a) : (memref<?xi8>) -> ()
  func.call @use(%b) : (memref<?xi8>) -> ()
  return
}
