func.func private @show(i64) -> memref<?xi8>
func.func private @put(memref<?xi8>)
func.func @f(%n: i64) {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %z = arith.constant 0 : index
  %s0 = func.call @show(%c0) : (i64) -> memref<?xi8>
  %r:2 = scf.while (%i = %c0, %prev = %s0) : (i64, memref<?xi8>) -> (i64, memref<?xi8>) {
    %c = arith.cmpi slt, %i, %n : i64
    scf.condition(%c) %i, %prev : i64, memref<?xi8>
  } do {
  ^bb0(%k: i64, %p: memref<?xi8>):
    %s = func.call @show(%k) : (i64) -> memref<?xi8>
    func.call @put(%p) : (memref<?xi8>) -> ()
    %k1 = arith.addi %k, %c1 : i64
    scf.yield %k1, %s : i64, memref<?xi8>
  }
  func.call @put(%r#1) : (memref<?xi8>) -> ()
  return
}
