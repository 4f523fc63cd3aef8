// a double free in the target
func.func @f(%n: index) {
  %a = memref.alloc(%n) : memref<?xi8>
  memref.dealloc %a : memref<?xi8>
  return
}
