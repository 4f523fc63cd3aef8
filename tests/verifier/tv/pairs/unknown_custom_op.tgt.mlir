func.func @f(%a: i32, %m: memref<2x3xi32>) -> i32 {
  return %a : i32
}
func.func @g(%a: i32, %b: i32) -> i32 {
  %0 = arith.addi %b, %a : i32
  return %0 : i32
}
func.func @h(%a: i32, %b: i32) -> i32 {
  %0 = arith.subi %b, %a : i32
  return %0 : i32
}
