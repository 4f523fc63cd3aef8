module {
  func.func @f(%arg0: i32, %arg1: i32) -> (i32, i1, i32, i32, i32, i32) {
    %0 = "llvm.intr.sadd.with.overflow"(%arg0, %arg1) : (i32, i32) -> !llvm.struct<(i32, i1)>
    %1 = llvm.extractvalue %0[0] : !llvm.struct<(i32, i1)> 
    %2 = llvm.extractvalue %0[1] : !llvm.struct<(i32, i1)> 
    %3 = llvm.zext %arg0 : i32 to i64
    %4 = llvm.zext %arg1 : i32 to i64
    %5 = llvm.mul %3, %4 : i64
    %6 = llvm.trunc %5 : i64 to i32
    %7 = llvm.mlir.constant(32 : i64) : i64
    %8 = llvm.lshr %5, %7  : i64
    %9 = llvm.trunc %8 : i64 to i32
    %10 = llvm.sext %arg0 : i32 to i64
    %11 = llvm.sext %arg1 : i32 to i64
    %12 = llvm.mul %10, %11 : i64
    %13 = llvm.trunc %12 : i64 to i32
    %14 = llvm.mlir.constant(32 : i64) : i64
    %15 = llvm.lshr %12, %14  : i64
    %16 = llvm.trunc %15 : i64 to i32
    return %1, %2, %6, %9, %13, %16 : i32, i1, i32, i32, i32, i32
  }
}

