module {
  func.func private @show(i64) -> memref<?xi8>
  func.func private @put(memref<?xi8>)
  func.func @f(%arg0: i64) {
    %c0_i64 = arith.constant 0 : i64
    %c1_i64 = arith.constant 1 : i64
    %c0 = arith.constant 0 : index
    %0 = call @show(%c0_i64) : (i64) -> memref<?xi8>
    cf.br ^bb1(%c0_i64, %0 : i64, memref<?xi8>)
  ^bb1(%1: i64, %2: memref<?xi8>):  // 2 preds: ^bb0, ^bb2
    %3 = arith.cmpi slt, %1, %arg0 : i64
    cf.cond_br %3, ^bb2(%1, %2 : i64, memref<?xi8>), ^bb3
  ^bb2(%4: i64, %5: memref<?xi8>):  // pred: ^bb1
    %6 = call @show(%4) : (i64) -> memref<?xi8>
    call @put(%5) : (memref<?xi8>) -> ()
    %7 = arith.addi %4, %c1_i64 : i64
    cf.br ^bb1(%7, %6 : i64, memref<?xi8>)
  ^bb3:  // pred: ^bb1
    call @put(%2) : (memref<?xi8>) -> ()
    return
  }
}

