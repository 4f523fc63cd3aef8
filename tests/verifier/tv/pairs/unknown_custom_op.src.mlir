func.func @f(%a: i32, %m: memref<2x3xi32>) -> i32 {
  %c = memref.collapse_shape %m [[0, 1]] : memref<2x3xi32> into memref<6xi32>
  %0 = math.absi %a : i32
  return %0 : i32
}
func.func @g(%a: i32, %b: i32) -> i32 {
  %0 = arith.addi %a, %b : i32
  return %0 : i32
}
func.func @h(%a: i32, %b: i32) -> i32 {
  %0 = arith.subi %a, %b : i32
  return %0 : i32
}
