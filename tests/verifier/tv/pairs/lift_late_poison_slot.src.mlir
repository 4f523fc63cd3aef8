module {
  func.func @sumsq(%n: i64) -> i64 {
    %c0 = arith.constant 0 : i64
    %c1 = arith.constant 1 : i64
    cf.br ^bb1(%c0, %c0 : i64, i64)
  ^bb1(%i: i64, %s: i64):
    %sq = arith.muli %i, %i : i64
    %s2 = arith.addi %s, %sq : i64
    %c = arith.cmpi ult, %i, %n : i64
    %j = arith.addi %i, %c1 : i64
    cf.cond_br %c, ^bb1(%j, %s2 : i64, i64), ^bb2
  ^bb2:
    return %s2 : i64
  }
}
