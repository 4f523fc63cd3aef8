func.func @f(%x: i32, %a: i32, %b: i32) -> i32 {
  cf.switch %x : i32, [
    default: ^bb1(%a : i32),
    7: ^bb1(%b : i32)
  ]
^bb1(%r: i32):
  return %r : i32
}
