// index_cast sign-extends
func.func @f(%a: i32) -> i64 {
  %0 = arith.index_cast %a : i32 to index
  %1 = arith.index_cast %0 : index to i64
  return %1 : i64
}
