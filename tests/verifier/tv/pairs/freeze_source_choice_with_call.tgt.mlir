llvm.func @ext()
llvm.func @f(%a: i32) -> i32 {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %c5 = llvm.mlir.constant(5 : i32) : i32
  %x = llvm.add %a, %c1 overflow<nsw> : i32
  %y = llvm.freeze %x : i32
  %m = llvm.mlir.constant(2147483647 : i32) : i32
  %af = llvm.freeze %a : i32
  %o = llvm.icmp "eq" %af, %m : i32
  %r = llvm.select %o, %c5, %y : i1, i32
  llvm.call @ext() : () -> ()
  llvm.return %r : i32
}
llvm.func @g(%a: i32) -> i32 {
  %c2 = llvm.mlir.constant(2 : i32) : i32
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %x = llvm.add %a, %c1 overflow<nsw> : i32
  %y = llvm.freeze %x : i32
  %z = llvm.and %y, %c1 : i32
  %m = llvm.mlir.constant(2147483647 : i32) : i32
  %af = llvm.freeze %a : i32
  %o = llvm.icmp "eq" %af, %m : i32
  %r = llvm.select %o, %c2, %z : i1, i32
  llvm.call @ext() : () -> ()
  llvm.return %r : i32
}
