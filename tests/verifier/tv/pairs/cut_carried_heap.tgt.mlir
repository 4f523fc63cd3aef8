module {
  func.func @f(%arg0: index, %arg1: i32) -> i32 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c1_i32 = arith.constant 1 : i32
    %alloc = memref.alloc(%c1) : memref<?xi32>
    memref.store %arg1, %alloc[%c0] : memref<?xi32>
    cf.br ^bb1(%c0, %alloc : index, memref<?xi32>)
  ^bb1(%0: index, %1: memref<?xi32>):  // 2 preds: ^bb0, ^bb2
    %2 = arith.cmpi slt, %0, %arg0 : index
    cf.cond_br %2, ^bb2, ^bb3
  ^bb2:  // pred: ^bb1
    %3 = memref.load %1[%c0] : memref<?xi32>
    %4 = arith.addi %3, %c1_i32 : i32
    %alloc_0 = memref.alloc(%c1) : memref<?xi32>
    memref.store %4, %alloc_0[%c0] : memref<?xi32>
    %5 = arith.addi %0, %c1 : index
    cf.br ^bb1(%5, %alloc_0 : index, memref<?xi32>)
  ^bb3:  // pred: ^bb1
    %6 = memref.load %1[%c0] : memref<?xi32>
    return %6 : i32
  }
}

