func.func @f(%a: i32, %b: i32) -> (i32, i32) {
  return %b, %a : i32, i32
}
