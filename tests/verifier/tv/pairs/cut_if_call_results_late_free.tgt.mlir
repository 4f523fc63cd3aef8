module {
  func.func private @mk(index) -> memref<?xi8>
  func.func private @use(memref<?xi8>)
  func.func private @pick() -> i1
  func.func @f(%arg0: index) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c8 = arith.constant 8 : index
    %c0_i8 = arith.constant 0 : i8
    cf.br ^bb1(%c0 : index)
  ^bb1(%0: index):  // 2 preds: ^bb0, ^bb6
    %1 = arith.cmpi slt, %0, %arg0 : index
    cf.cond_br %1, ^bb2, ^bb7
  ^bb2:  // pred: ^bb1
    %2 = call @pick() : () -> i1
    cf.cond_br %2, ^bb3, ^bb4
  ^bb3:  // pred: ^bb2
    %3 = call @mk(%c4) : (index) -> memref<?xi8>
    cf.br ^bb5(%3 : memref<?xi8>)
  ^bb4:  // pred: ^bb2
    %4 = call @mk(%c8) : (index) -> memref<?xi8>
    %5 = call @mk(%c4) : (index) -> memref<?xi8>
    call @use(%4) : (memref<?xi8>) -> ()
    %c5 = arith.constant 5 : index
    %e5 = arith.cmpi eq, %0, %c5 : index
    cf.cond_br %e5, ^bb8, ^bb5(%5 : memref<?xi8>)
  ^bb8:
    memref.dealloc %4 : memref<?xi8>
    cf.br ^bb5(%5 : memref<?xi8>)
  ^bb5(%6: memref<?xi8>):  // 2 preds: ^bb3, ^bb4
    cf.br ^bb6
  ^bb6:  // pred: ^bb5
    call @use(%6) : (memref<?xi8>) -> ()
    %7 = arith.addi %0, %c1 : index
    cf.br ^bb1(%7 : index)
  ^bb7:  // pred: ^bb1
    return
  }
}

