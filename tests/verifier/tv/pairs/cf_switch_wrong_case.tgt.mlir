llvm.func @f(%x: i32, %a: i32, %b: i32) -> i32 {
  llvm.switch %x : i32, ^bb1(%a : i32) [
    8: ^bb1(%b : i32)
  ]
^bb1(%r: i32):
  llvm.return %r : i32
}
