// @next returns its results through an scf.if that yields a memref. int-range-optimizations
// (mlir-opt 19) loads DeadCodeAnalysis and IntegerRangeAnalysis only: the constant lattice
// of a non-integer value is never initialized, so DeadCodeAnalysis never adds the edge of a
// terminator with such an operand — @next's results, and everything in @count's loop after
// the call, stay unanalysed, the back edge of the scf.while is never seen, and its carried
// values are replaced by their initial constants: the loop never advances.
module {
  memref.global "private" constant @empty : memref<0xi8> = dense<0>
  func.func @next(%pos: i64) -> (i64, memref<?xi8>) {
    %c1 = arith.constant 1 : i64
    %c0 = arith.constant 0 : i64
    %g = memref.get_global @empty : memref<0xi8>
    %e = memref.cast %g : memref<0xi8> to memref<?xi8>
    %neg = arith.cmpi slt, %pos, %c0 : i64
    %r:2 = scf.if %neg -> (i64, memref<?xi8>) {
      scf.yield %c0, %e : i64, memref<?xi8>
    } else {
      %p1 = arith.addi %pos, %c1 : i64
      scf.yield %p1, %e : i64, memref<?xi8>
    }
    return %r#0, %r#1 : i64, memref<?xi8>
  }
  func.func @count(%n: i64, %out: memref<1xi64>) -> i64 {
    %c0 = arith.constant 0 : i64
    %c1 = arith.constant 1 : i64
    %i0 = arith.constant 0 : index
    %r:2 = scf.while (%pos = %c0, %cnt = %c0) : (i64, i64) -> (i64, i64) {
      %go = arith.cmpi slt, %pos, %n : i64
      scf.condition(%go) %pos, %cnt : i64, i64
    } do {
    ^bb0(%pos: i64, %cnt: i64):
      %nx:2 = func.call @next(%pos) : (i64) -> (i64, memref<?xi8>)
      %cnt1 = arith.addi %cnt, %c1 : i64
      memref.store %cnt1, %out[%i0] : memref<1xi64>
      scf.yield %nx#0, %cnt1 : i64, i64
    }
    return %r#1 : i64
  }
}
