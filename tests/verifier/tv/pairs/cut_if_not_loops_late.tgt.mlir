module {
  func.func @f(%arg0: i1, %arg1: index, %arg2: memref<?xi32>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %true = arith.constant true
    %c1_i32 = arith.constant 1 : i32
    %c2_i32 = arith.constant 2 : i32
    %0 = arith.xori %arg0, %true : i1
    cf.cond_br %arg0, ^bb1, ^bb5
  ^bb1:  // pred: ^bb0
    cf.br ^bb2(%c0 : index)
  ^bb2(%1: index):  // 2 preds: ^bb1, ^bb3
    %2 = arith.cmpi slt, %1, %arg1 : index
    cf.cond_br %2, ^bb3, ^bb4
  ^bb3:  // pred: ^bb2
    memref.store %c2_i32, %arg2[%1] : memref<?xi32>
    %3 = arith.addi %1, %c1 : index
    cf.br ^bb2(%3 : index)
  ^bb4:  // pred: ^bb2
    cf.br ^bb9
  ^bb5:  // pred: ^bb0
    cf.br ^bb6(%c0 : index)
  ^bb6(%4: index):  // 2 preds: ^bb5, ^bb7
    %5 = arith.cmpi slt, %4, %arg1 : index
    cf.cond_br %5, ^bb7, ^bb8
  ^bb7:  // pred: ^bb6
    %c5 = arith.constant 5 : index
    %e5 = arith.cmpi eq, %4, %c5 : index
    %w = arith.select %e5, %c2_i32, %c1_i32 : i32
    memref.store %w, %arg2[%4] : memref<?xi32>
    %6 = arith.addi %4, %c1 : index
    cf.br ^bb6(%6 : index)
  ^bb8:  // pred: ^bb6
    cf.br ^bb9
  ^bb9:  // 2 preds: ^bb4, ^bb8
    return
  }
}

