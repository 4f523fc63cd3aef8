func.func @f(%c: i1, %x: i32) -> i32 {
  cf.assert %c, "boom"
  return %x : i32
}
