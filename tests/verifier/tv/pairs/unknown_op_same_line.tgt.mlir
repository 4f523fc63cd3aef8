llvm.mlir.global_ctors {ctors = [@init], priorities = [0 : i32]} func.func @g(%a: i32) -> i32 {
  %c = arith.constant 1 : i32
  %r = arith.addi %a, %c : i32
  return %r : i32
}
llvm.func @init() {
  llvm.return
}
func.func @f(%a: i32) -> i32 {
  %0 = func.call @g(%a) : (i32) -> i32
  return %0 : i32
}
