func.func private @g(i32)
func.func @f(%x: i64, %p: memref<4xi32>) -> i32 {
  %c0 = arith.constant 0 : index
  %k = arith.constant 365 : i64
  %true = arith.constant true
  %gt = arith.cmpi sgt, %x, %k : i64
  %c = arith.xori %gt, %true : i1
  %r = scf.if %c -> i32 {
    %a = arith.constant 1 : i32
    func.call @g(%a) : (i32) -> ()
    memref.store %a, %p[%c0] : memref<4xi32>
    scf.yield %a : i32
  } else {
    %b = arith.constant 2 : i32
    func.call @g(%b) : (i32) -> ()
    scf.yield %b : i32
  }
  return %r : i32
}
