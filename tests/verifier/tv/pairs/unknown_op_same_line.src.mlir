// an op read by its shape (global_ctors) with a function after it on its line: mlir-opt-19
// reads two ops, and @g must get its row (review 28: it vanished and @f was proved alone)
llvm.mlir.global_ctors {ctors = [@init], priorities = [0 : i32]} func.func @g(%a: i32) -> i32 {
  return %a : i32
}
llvm.func @init() {
  llvm.return
}
func.func @f(%a: i32) -> i32 {
  %0 = func.call @g(%a) : (i32) -> i32
  return %0 : i32
}
