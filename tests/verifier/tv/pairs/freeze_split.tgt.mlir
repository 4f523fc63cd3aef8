llvm.func @f(%a: i32) -> i32 {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %x = llvm.add %a, %c1 overflow<nsw> : i32
  %y1 = llvm.freeze %x : i32
  %y2 = llvm.freeze %x : i32
  %d = llvm.sub %y1, %y2 : i32
  llvm.return %d : i32
}
