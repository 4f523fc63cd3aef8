func.func private @g(i64) -> i64
func.func @f(%x: i64) -> i64 {
  %0 = func.call @g(%x) : (i64) -> i64
  return %0 : i64
}
