// review 31: puts of a pointer that may be poison is no text; the puts of a constant string it may be (its trace identity, the form cf.assert takes) does not hide the poison (was proved)
llvm.func @abort()
llvm.func @puts(!llvm.ptr)
llvm.mlir.global private constant @assert_msg(dense<[98, 111, 111, 109, 0]> : tensor<5xi8>) {addr_space = 0 : i32} : !llvm.array<5 x i8>
func.func @f(%c: i1) {
  %0 = llvm.mlir.addressof @assert_msg : !llvm.ptr
  llvm.call @puts(%0) : (!llvm.ptr) -> ()
  return
}
