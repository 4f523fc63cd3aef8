module {
  func.func @f(%arg0: index) -> i64 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c100 = arith.constant 100 : index
    %c0_i64 = arith.constant 0 : i64
    cf.br ^bb1(%c0, %c0_i64 : index, i64)
  ^bb1(%0: index, %1: i64):  // 2 preds: ^bb0, ^bb2
    %2 = arith.cmpi slt, %0, %arg0 : index
    cf.cond_br %2, ^bb2, ^bb3
  ^bb2:  // pred: ^bb1
    %3 = arith.index_cast %0 : index to i64
    %e = arith.cmpi eq, %0, %c100 : index
    %one = arith.extui %e : i1 to i64
    %t = arith.addi %1, %3 : i64
    %4 = arith.addi %t, %one : i64
    %5 = arith.addi %0, %c1 : index
    cf.br ^bb1(%5, %4 : index, i64)
  ^bb3:  // pred: ^bb1
    return %1 : i64
  }
}

