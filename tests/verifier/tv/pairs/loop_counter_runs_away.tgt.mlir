module {
  func.func @sum(%arg0: memref<?xi64>, %arg1: index) -> i64 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c0_i64 = arith.constant 0 : i64
    cf.br ^bb1(%c0, %c0_i64 : index, i64)
  ^bb1(%0: index, %1: i64):  // 2 preds: ^bb0, ^bb2
    %2 = arith.cmpi slt, %0, %arg1 : index
    cf.cond_br %2, ^bb2, ^bb3
  ^bb2:  // pred: ^bb1
    %3 = memref.load %arg0[%0] : memref<?xi64>
    %4 = arith.addi %1, %3 : i64
    %5 = arith.subi %0, %c1 : index
    cf.br ^bb1(%5, %4 : index, i64)
  ^bb3:  // pred: ^bb1
    return %1 : i64
  }
}

