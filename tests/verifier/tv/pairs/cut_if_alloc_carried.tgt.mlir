module {
  func.func private @g(memref<?xi8>)
  func.func private @pick() -> i1
  func.func @f(%arg0: index) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c3 = arith.constant 3 : index
    %c4 = arith.constant 4 : index
    %c8 = arith.constant 8 : index
    %c0_i8 = arith.constant 0 : i8
    %alloc = memref.alloc(%c4) : memref<?xi8>
    cf.br ^bb1(%c0, %alloc : index, memref<?xi8>)
  ^bb1(%0: index, %1: memref<?xi8>):  // 2 preds: ^bb0, ^bb6
    %2 = arith.cmpi slt, %0, %arg0 : index
    cf.cond_br %2, ^bb2, ^bb7
  ^bb2:  // pred: ^bb1
    memref.store %c0_i8, %1[%c3] : memref<?xi8>
    %3 = call @pick() : () -> i1
    cf.cond_br %3, ^bb3, ^bb4
  ^bb3:  // pred: ^bb2
    %alloc_0 = memref.alloc(%c4) : memref<?xi8>
    %alloc_1 = memref.alloc(%c8) : memref<?xi8>
    call @g(%alloc_0) : (memref<?xi8>) -> ()
    call @g(%alloc_1) : (memref<?xi8>) -> ()
    memref.dealloc %alloc_1 : memref<?xi8>
    cf.br ^bb5(%alloc_0 : memref<?xi8>)
  ^bb4:  // pred: ^bb2
    %alloc_2 = memref.alloc(%c8) : memref<?xi8>
    %alloc_3 = memref.alloc(%c4) : memref<?xi8>
    call @g(%alloc_2) : (memref<?xi8>) -> ()
    call @g(%alloc_3) : (memref<?xi8>) -> ()
    memref.dealloc %alloc_3 : memref<?xi8>
    cf.br ^bb5(%alloc_2 : memref<?xi8>)
  ^bb5(%4: memref<?xi8>):  // 2 preds: ^bb3, ^bb4
    cf.br ^bb6
  ^bb6:  // pred: ^bb5
    %5 = arith.addi %0, %c1 : index
    cf.br ^bb1(%5, %4 : index, memref<?xi8>)
  ^bb7:  // pred: ^bb1
    return
  }
}

