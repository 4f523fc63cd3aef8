module {
  func.func private @g(memref<?xi8>)
  func.func private @pick() -> i1
  func.func @f(%arg0: index) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c8 = arith.constant 8 : index
    cf.br ^bb1(%c0 : index)
  ^bb1(%0: index):  // 2 preds: ^bb0, ^bb5
    %1 = arith.cmpi slt, %0, %arg0 : index
    cf.cond_br %1, ^bb2, ^bb6
  ^bb2:  // pred: ^bb1
    %2 = call @pick() : () -> i1
    cf.cond_br %2, ^bb3, ^bb4
  ^bb3:  // pred: ^bb2
    %alloc = memref.alloc(%c4) : memref<?xi8>
    %alloc_0 = memref.alloc(%c8) : memref<?xi8>
    call @g(%alloc) : (memref<?xi8>) -> ()
    call @g(%alloc_0) : (memref<?xi8>) -> ()
    memref.dealloc %alloc_0 : memref<?xi8>
    cf.br ^bb5
  ^bb4:  // pred: ^bb2
    %alloc_1 = memref.alloc(%c8) : memref<?xi8>
    %alloc_2 = memref.alloc(%c4) : memref<?xi8>
    call @g(%alloc_1) : (memref<?xi8>) -> ()
    call @g(%alloc_2) : (memref<?xi8>) -> ()
    memref.dealloc %alloc_2 : memref<?xi8>
    cf.br ^bb5
  ^bb5:  // 2 preds: ^bb3, ^bb4
    %3 = arith.addi %0, %c1 : index
    cf.br ^bb1(%3 : index)
  ^bb6:  // pred: ^bb1
    return
  }
}

