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
      scf.condition(%7) %6#0, %6#1, %3 : i64, i64, i64
    } do {
    ^bb0(%arg1: i64, %arg2: i64, %arg3: i64):
      scf.yield %arg1, %arg2, %arg3 : i64, i64, i64
    }
    return %1#2 : i64
  }
  func.func @search(%arg0: i64, %arg1: i64) -> i64 {
    %0 = ub.poison : i32
    %c2_i32 = arith.constant 2 : i32
    %1 = ub.poison : i64
    %c1_i32 = arith.constant 1 : i32
    %c0_i32 = arith.constant 0 : i32
    %c0_i64 = arith.constant 0 : i64
    %c1_i64 = arith.constant 1 : i64
    %c7_i64 = arith.constant 7 : i64
    %2:6 = scf.while (%arg2 = %c0_i64, %arg3 = %c1_i64, %arg4 = %1, %arg5 = %1, %arg6 = %1, %arg7 = %0) : (i64, i64, i64, i64, i64, i32) -> (i64, i64, i64, i64, i64, i32) {
      %5 = arith.cmpi ult, %arg2, %arg0 : i64
      %6:6 = scf.if %5 -> (i64, i64, i64, i32, i32, i64) {
        %8 = arith.muli %arg3, %c7_i64 : i64
        %9 = arith.xori %8, %arg2 : i64
        %10 = arith.cmpi eq, %9, %arg1 : i64
        %11:6 = scf.if %10 -> (i64, i64, i64, i32, i32, i64) {
          scf.yield %1, %1, %1, %c1_i32, %c0_i32, %9 : i64, i64, i64, i32, i32, i64
        } else {
          %12 = arith.addi %arg2, %c1_i64 : i64
          scf.yield %12, %9, %1, %c0_i32, %c1_i32, %9 : i64, i64, i64, i32, i32, i64
        }
        scf.yield %11#0, %11#1, %11#2, %11#3, %11#4, %11#5 : i64, i64, i64, i32, i32, i64
      } else {
        scf.yield %1, %1, %arg3, %c2_i32, %c0_i32, %1 : i64, i64, i64, i32, i32, i64
      }
      %7 = arith.trunci %6#4 : i32 to i1
      scf.condition(%7) %6#0, %6#1, %6#5, %arg2, %6#2, %6#3 : i64, i64, i64, i64, i64, i32
    } do {
    ^bb0(%arg2: i64, %arg3: i64, %arg4: i64, %arg5: i64, %arg6: i64, %arg7: i32):
      scf.yield %arg2, %arg3, %arg4, %arg5, %arg6, %arg7 : i64, i64, i64, i64, i64, i32
    }
    %3 = arith.index_castui %2#5 : i32 to index
    %4 = scf.index_switch %3 -> i64 
    case 1 {
      %5 = arith.addi %2#2, %2#3 : i64
      scf.yield %5 : i64
    }
    default {
      scf.yield %2#4 : i64
    }
    return %4 : i64
  }
}

