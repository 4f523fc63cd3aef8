// review 36 F1: a private mutable global whose address never escapes (sealed), read at entry
llvm.mlir.global private @k(0 : i8) : i8
llvm.func @f() -> i8 {
  %a = llvm.mlir.addressof @k : !llvm.ptr
  %l = llvm.load %a : !llvm.ptr -> i8
  %z = llvm.mlir.constant(0 : i8) : i8
  llvm.return %z : i8
}
