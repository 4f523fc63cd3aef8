func.func private @h(i64)
func.func @f(%x: i64) -> i64 {
  func.call @h(%x) : (i64) -> ()
  return %x : i64
}
