func.func private @g(i64) -> i64
func.func @f(%x: i64) -> i64 {
  %0 = func.call @g(%x) : (i64) -> i64
  %1 = func.call @g(%0) : (i64) -> i64
  return %1 : i64
}
