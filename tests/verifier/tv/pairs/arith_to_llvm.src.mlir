// convert-arith-to-llvm, op for op
func.func @f(%a: i32, %b: i32) -> i32 {
  %0 = arith.addi %a, %b : i32
  %1 = arith.muli %0, %a overflow<nsw> : i32
  %2 = arith.shrui %1, %b : i32
  %c = arith.cmpi ult, %2, %a : i32
  %3 = arith.select %c, %2, %b : i32
  %4 = arith.extsi %3 : i32 to i64
  %5 = arith.trunci %4 : i64 to i32
  return %5 : i32
}
