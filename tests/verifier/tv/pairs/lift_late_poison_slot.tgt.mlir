module {
  func.func @sumsq(%arg0: i64) -> i64 {
    %0 = ub.poison : i64
    %c1_i32 = arith.constant 1 : i32
    %c0_i32 = arith.constant 0 : i32
    %c0_i64 = arith.constant 0 : i64
    %c1_i64 = arith.constant 1 : i64
    %1:3 = scf.while (%arg1 = %c0_i64, %arg2 = %c0_i64, %arg3 = %0) : (i64, i64, i64) -> (i64, i64, i64) {
      %2 = arith.muli %arg1, %arg1 : i64
      %3 = arith.addi %arg2, %2 : i64
      %4 = arith.cmpi ult, %arg1, %arg0 : i64
      %5 = arith.addi %arg1, %c1_i64 : i64
      %6:4 = scf.if %4 -> (i64, i64, i32, i32) {
        scf.yield %5, %3, %c0_i32, %c1_i32 : i64, i64, i32, i32
      } else {
        scf.yield %0, %0, %c1_i32, %c0_i32 : i64, i64, i32, i32
      }
      %7 = arith.trunci %6#3 : i32 to i1
      %c100 = arith.constant 100 : i64
      %big = arith.cmpi ugt, %arg1, %c100 : i64
      %sel = arith.select %big, %arg3, %3 : i64
      scf.condition(%7) %6#0, %6#1, %sel : i64, i64, i64
    } do {
    ^bb0(%arg1: i64, %arg2: i64, %arg3: i64):
      scf.yield %arg1, %arg2, %arg3 : i64, i64, i64
    }
    return %1#2 : i64
  }
}
