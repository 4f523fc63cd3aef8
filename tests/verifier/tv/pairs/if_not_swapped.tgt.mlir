module {
  func.func private @g(i32)
  func.func @f(%arg0: i64, %arg1: memref<4xi32>) -> i32 {
    %c0 = arith.constant 0 : index
    %c365_i64 = arith.constant 365 : i64
    %true = arith.constant true
    %0 = arith.cmpi sgt, %arg0, %c365_i64 : i64
    %1 = arith.xori %0, %true : i1
    cf.cond_br %0, ^bb1, ^bb2
  ^bb1:  // pred: ^bb0
    %c2_i32 = arith.constant 2 : i32
    call @g(%c2_i32) : (i32) -> ()
    cf.br ^bb3(%c2_i32 : i32)
  ^bb2:  // pred: ^bb0
    %c1_i32 = arith.constant 1 : i32
    call @g(%c1_i32) : (i32) -> ()
    memref.store %c1_i32, %arg1[%c0] : memref<4xi32>
    cf.br ^bb3(%c1_i32 : i32)
  ^bb3(%2: i32):  // 2 preds: ^bb1, ^bb2
    cf.br ^bb4
  ^bb4:  // pred: ^bb3
    return %2 : i32
  }
}

