module {
  func.func @f(%arg0: i1, %arg1: index) -> i32 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c0_i32 = arith.constant 0 : i32
    cf.cond_br %arg0, ^bb1, ^bb2
  ^bb1:  // pred: ^bb0
    %alloca = memref.alloca() : memref<4xi32>
    memref.store %c0_i32, %alloca[%c0] : memref<4xi32>
    cf.br ^bb3(%alloca : memref<4xi32>)
  ^bb2:  // pred: ^bb0
    %alloca_0 = memref.alloca() : memref<4xi32>
    memref.store %c0_i32, %alloca_0[%c0] : memref<4xi32>
    cf.br ^bb3(%alloca_0 : memref<4xi32>)
  ^bb3(%0: memref<4xi32>):  // 2 preds: ^bb1, ^bb2
    cf.br ^bb4
  ^bb4:  // pred: ^bb3
    cf.br ^bb5(%c0 : index)
  ^bb5(%1: index):  // 2 preds: ^bb4, ^bb6
    %2 = arith.cmpi slt, %1, %arg1 : index
    cf.cond_br %2, ^bb6, ^bb7
  ^bb6:  // pred: ^bb5
    %3 = memref.load %0[%c0] : memref<4xi32>
    %c5 = arith.constant 5 : index
    %e5 = arith.cmpi eq, %1, %c5 : index
    %c7 = arith.constant 7 : i32
    %w = arith.select %e5, %c7, %3 : i32
    memref.store %w, %0[%c0] : memref<4xi32>
    %4 = arith.addi %1, %c1 : index
    cf.br ^bb5(%4 : index)
  ^bb7:  // pred: ^bb5
    %5 = memref.load %0[%c0] : memref<4xi32>
    return %5 : i32
  }
}

