module {
  func.func @f(%arg0: memref<?x?xi32>, %arg1: index, %arg2: index) -> i32 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c0_i32 = arith.constant 0 : i32
    cf.br ^bb1(%c0, %c0_i32 : index, i32)
  ^bb1(%0: index, %1: i32):  // 2 preds: ^bb0, ^bb5
    %2 = arith.cmpi slt, %0, %arg1 : index
    cf.cond_br %2, ^bb2, ^bb6
  ^bb2:  // pred: ^bb1
    cf.br ^bb3(%c0, %1 : index, i32)
  ^bb3(%3: index, %4: i32):  // 2 preds: ^bb2, ^bb4
    %5 = arith.cmpi slt, %3, %arg2 : index
    cf.cond_br %5, ^bb4, ^bb5
  ^bb4:  // pred: ^bb3
    %6 = memref.load %arg0[%0, %3] : memref<?x?xi32>
    %7 = arith.addi %4, %6 : i32
    %c5 = arith.constant 5 : index
    %e5 = arith.cmpi eq, %3, %c5 : index
    %sv = arith.select %e5, %6, %7 : i32
    memref.store %sv, %arg0[%0, %3] : memref<?x?xi32>
    %8 = arith.addi %3, %c1 : index
    cf.br ^bb3(%8, %7 : index, i32)
  ^bb5:  // pred: ^bb3
    %9 = arith.addi %0, %c1 : index
    cf.br ^bb1(%9, %4 : index, i32)
  ^bb6:  // pred: ^bb1
    return %1 : i32
  }
}

