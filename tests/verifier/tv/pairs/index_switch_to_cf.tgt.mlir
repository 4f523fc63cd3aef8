module {
  func.func @f(%arg0: i8, %arg1: i64, %arg2: i64) -> i64 {
    %0 = arith.index_castui %arg0 : i8 to index
    %1 = arith.index_cast %0 : index to i32
    cf.switch %1 : i32, [
      default: ^bb3,
      3: ^bb1,
      200: ^bb2
    ]
  ^bb1:  // pred: ^bb0
    %2 = arith.addi %arg1, %arg2 : i64
    cf.br ^bb4(%2 : i64)
  ^bb2:  // pred: ^bb0
    %3 = arith.subi %arg1, %arg2 : i64
    cf.br ^bb4(%3 : i64)
  ^bb3:  // pred: ^bb0
    cf.br ^bb4(%arg1 : i64)
  ^bb4(%4: i64):  // 3 preds: ^bb1, ^bb2, ^bb3
    return %4 : i64
  }
}

