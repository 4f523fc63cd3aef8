llvm.func @g(i64) -> i64
llvm.func @f(%x: i64) -> i64 {
  %0 = llvm.call @g(%x) : (i64) -> i64
  %1 = llvm.call @g(%0) : (i64) -> i64
  llvm.return %1 : i64
}
