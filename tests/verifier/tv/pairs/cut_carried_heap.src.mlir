func.func @f(%n: index, %x: i32) -> i32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %one = arith.constant 1 : i32
  %first = memref.alloc(%c1) : memref<?xi32>
  memref.store %x, %first[%c0] : memref<?xi32>
  %last = scf.for %i = %c0 to %n step %c1 iter_args(%buf = %first) -> (memref<?xi32>) {
    %v = memref.load %buf[%c0] : memref<?xi32>
    %w = arith.addi %v, %one : i32
    %next = memref.alloc(%c1) : memref<?xi32>
    memref.store %w, %next[%c0] : memref<?xi32>
    scf.yield %next : memref<?xi32>
  }
  %r = memref.load %last[%c0] : memref<?xi32>
  return %r : i32
}
