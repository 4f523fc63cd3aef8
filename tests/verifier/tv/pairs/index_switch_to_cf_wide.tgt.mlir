module {
  func.func @f(%arg0: index, %arg1: i64, %arg2: i64) -> i64 {
    %0 = arith.index_cast %arg0 : index to i32
    cf.switch %0 : i32, [
      default: ^bb2,
      3: ^bb1
    ]
  ^bb1:  // pred: ^bb0
    cf.br ^bb3(%arg2 : i64)
  ^bb2:  // pred: ^bb0
    cf.br ^bb3(%arg1 : i64)
  ^bb3(%1: i64):  // 2 preds: ^bb1, ^bb2
    return %1 : i64
  }
}

