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
  func.func @search(%n: i64, %k: i64) -> i64 {
    %c0 = arith.constant 0 : i64
    %c1 = arith.constant 1 : i64
    %c7 = arith.constant 7 : i64
    cf.br ^bb1(%c0, %c1 : i64, i64)
  ^bb1(%i: i64, %acc: i64):
    %c = arith.cmpi ult, %i, %n : i64
    cf.cond_br %c, ^bb2, ^bb4(%acc : i64)
  ^bb2:
    %m = arith.muli %acc, %c7 : i64
    %x = arith.xori %m, %i : i64
    %hit = arith.cmpi eq, %x, %k : i64
    cf.cond_br %hit, ^bb3, ^bb5
  ^bb5:
    %j = arith.addi %i, %c1 : i64
    cf.br ^bb1(%j, %x : i64, i64)
  ^bb3:
    %r = arith.addi %x, %i : i64
    cf.br ^bb4(%r : i64)
  ^bb4(%out: i64):
    return %out : i64
  }
}
