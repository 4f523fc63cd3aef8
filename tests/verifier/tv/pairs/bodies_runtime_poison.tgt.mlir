// review 31
func.func private @clef_fmt_i64(i64, memref<?xi8>) -> i64
func.func private @clef_writeln(memref<?xi8>)
func.func @g(%x: i64) {
  %c32 = arith.constant 32 : index
  %buf = memref.alloca(%c32) : memref<?xi8>
  %n = func.call @clef_fmt_i64(%x, %buf) : (i64, memref<?xi8>) -> i64
  %ni = arith.index_cast %n : i64 to index
  %v = memref.subview %buf[0] [%ni] [1] : memref<?xi8> to memref<?xi8, strided<[1]>>
  %w = memref.cast %v : memref<?xi8, strided<[1]>> to memref<?xi8>
  func.call @clef_writeln(%w) : (memref<?xi8>) -> ()
  return
}
func.func @one() -> i64 {
  %c1 = arith.constant 1 : i64
  return %c1 : i64
}
func.func @f() -> i64 {
  %c5 = arith.constant 5 : i64
  func.call @g(%c5) : (i64) -> ()
  %r = func.call @one() : () -> i64
  %c1 = arith.constant 1 : i64
  return %c1 : i64
}
