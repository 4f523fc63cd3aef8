module {
  func.func @f(%arg0: i1, %arg1: memref<4xi8>, %arg2: memref<4xi8>) {
    %c4 = arith.constant 4 : index
    cf.cond_br %arg0, ^bb1, ^bb2
  ^bb1:  // pred: ^bb0
    cf.br ^bb3(%c4 : index)
  ^bb2:  // pred: ^bb0
    %0 = ub.poison : index
    cf.br ^bb3(%0 : index)
  ^bb3(%1: index):  // 2 preds: ^bb1, ^bb2
    cf.br ^bb4
  ^bb4:  // pred: ^bb3
    %reinterpret_cast = memref.reinterpret_cast %arg1 to offset: [0], sizes: [%1], strides: [1] : memref<4xi8> to memref<?xi8>
    %reinterpret_cast_0 = memref.reinterpret_cast %arg2 to offset: [0], sizes: [%1], strides: [1] : memref<4xi8> to memref<?xi8>
    memref.copy %reinterpret_cast, %reinterpret_cast_0 : memref<?xi8> to memref<?xi8>
    return
  }
}

