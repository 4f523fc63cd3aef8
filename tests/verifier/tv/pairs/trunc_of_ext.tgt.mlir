func.func @f(%a: i16) -> i16 {
  return %a : i16
}
