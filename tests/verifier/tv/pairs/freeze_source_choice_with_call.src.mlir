// a source whose frozen poison is returned after an external call: the query cannot put the
// source's value under a "for all" (the call's unknowns are no inputs), so it reads it as
// "for some", and the replay, whose source takes one value of many, refutes nothing through
// it: @f's target (5 or the frozen value: a refinement) and @g's (2 where the source's value
// is masked to 0 or 1: wrong) are both unknown (unspecified choice) — never refuted, never
// proved (a limit, pinned)
llvm.func @ext()
llvm.func @f(%a: i32) -> i32 {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %x = llvm.add %a, %c1 overflow<nsw> : i32
  %y = llvm.freeze %x : i32
  llvm.call @ext() : () -> ()
  llvm.return %y : i32
}
llvm.func @g(%a: i32) -> i32 {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %x = llvm.add %a, %c1 overflow<nsw> : i32
  %y = llvm.freeze %x : i32
  %z = llvm.and %y, %c1 : i32
  llvm.call @ext() : () -> ()
  llvm.return %z : i32
}
