module {
  func.func @f(%arg0: i64, %arg1: i64, %arg2: i64, %arg3: i64) -> i64 {
    %c7_i8 = arith.constant 7 : i8
    %0 = ub.poison : i32
    %1 = ub.poison : i64
    %c1_i32 = arith.constant 1 : i32
    %c0_i32 = arith.constant 0 : i32
    %c0_i64 = arith.constant 0 : i64
    %c1_i64 = arith.constant 1 : i64
    %c31_i64 = arith.constant 31 : i64
    %2 = arith.andi %arg0, %c31_i64 : i64
    %3:3 = scf.while (%arg4 = %c0_i64, %arg5 = %arg1) : (i64, i64) -> (i64, i64, i64) {
      %4 = arith.cmpi slt, %arg4, %2 : i64
      %5:4 = scf.if %4 -> (i64, i64, i64, i32) {
        %7 = arith.trunci %arg5 : i64 to i8
        %8 = arith.andi %7, %c7_i8 : i8
        %9 = arith.index_castui %8 : i8 to index
        %10:7 = scf.index_switch %9 -> i64, i64, i64, i64, i32, i32, i32 
        case 3 {
          scf.yield %1, %1, %1, %arg4, %c1_i32, %c0_i32, %c1_i32 : i64, i64, i64, i64, i32, i32, i32
        }
        case 5 {
          scf.yield %arg2, %1, %1, %1, %0, %0, %c0_i32 : i64, i64, i64, i64, i32, i32, i32
        }
        default {
          scf.yield %arg5, %1, %1, %1, %0, %0, %c0_i32 : i64, i64, i64, i64, i32, i32, i32
        }
        %11 = arith.index_castui %10#6 : i32 to index
        %12:5 = scf.index_switch %11 -> i64, i64, i64, i32, i32 
        case 0 {
          %13 = arith.muli %10#0, %arg3 : i64
          %14 = arith.addi %13, %arg4 : i64
          %15 = arith.addi %arg4, %c1_i64 : i64
          scf.yield %15, %14, %1, %c0_i32, %c1_i32 : i64, i64, i64, i32, i32
        }
        default {
          scf.yield %10#1, %10#2, %10#3, %10#4, %10#5 : i64, i64, i64, i32, i32
        }
        scf.yield %12#0, %12#1, %12#2, %12#4 : i64, i64, i64, i32
      } else {
        scf.yield %1, %1, %arg5, %c0_i32 : i64, i64, i64, i32
      }
      %6 = arith.trunci %5#3 : i32 to i1
      scf.condition(%6) %5#0, %5#1, %5#2 : i64, i64, i64
    } do {
    ^bb0(%arg4: i64, %arg5: i64, %arg6: i64):
      scf.yield %arg4, %arg5 : i64, i64
    }
    return %3#2 : i64
  }
}

