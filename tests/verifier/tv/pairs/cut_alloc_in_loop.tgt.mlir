module {
  func.func private @use(memref<?xi8>)
  func.func @f(%arg0: index) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %alloc = memref.alloc(%c4) : memref<?xi8>
    cf.br ^bb1(%c0, %alloc : index, memref<?xi8>)
  ^bb1(%0: index, %1: memref<?xi8>):  // 2 preds: ^bb0, ^bb2
    %2 = arith.cmpi slt, %0, %arg0 : index
    cf.cond_br %2, ^bb2, ^bb3
  ^bb2:  // pred: ^bb1
    %alloc_0 = memref.alloc(%c4) : memref<?xi8>
    %3 = memref.load %1[%c0] : memref<?xi8>
    memref.store %3, %alloc_0[%c0] : memref<?xi8>
    call @use(%alloc_0) : (memref<?xi8>) -> ()
    %4 = arith.addi %0, %c1 : index
    cf.br ^bb1(%4, %alloc_0 : index, memref<?xi8>)
  ^bb3:  // pred: ^bb1
    return
  }
}

