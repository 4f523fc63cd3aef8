// two freezes of one poison may differ: a target that freezes twice where the source froze
// once, and uses the two as if equal, is wrong (y - y is 0; y1 - y2 need not be)
llvm.func @f(%a: i32) -> i32 {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %x = llvm.add %a, %c1 overflow<nsw> : i32
  %y = llvm.freeze %x : i32
  %d = llvm.sub %y, %y : i32
  llvm.return %d : i32
}
