// review 36 P1: freeze of a byte of the memory at entry (mem.UP0 is an input: the source's
// freeze goes under the "for all") against the plain load, which may be poison
llvm.func @f(%p: !llvm.ptr) -> i8 {
  %l = llvm.load %p : !llvm.ptr -> i8
  %x = llvm.freeze %l : i8
  llvm.return %x : i8
}
