llvm.func @f(%a: i64, %b: i32) -> !llvm.struct<(i64, i32)> {
  %0 = llvm.mlir.undef : !llvm.struct<(i64, i32)>
  %1 = llvm.insertvalue %b, %0[1] : !llvm.struct<(i64, i32)>
  %2 = llvm.insertvalue %a, %1[0] : !llvm.struct<(i64, i32)>
  llvm.return %2 : !llvm.struct<(i64, i32)>
}
