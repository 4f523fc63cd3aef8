// review 31: puts of a pointer that may be poison
llvm.func @abort()
llvm.func @puts(!llvm.ptr)
llvm.mlir.global private constant @assert_msg(dense<[98, 111, 111, 109, 0]> : tensor<5xi8>) {addr_space = 0 : i32} : !llvm.array<5 x i8>
func.func @f(%c: i1) {
  %0 = llvm.mlir.addressof @assert_msg : !llvm.ptr
  %p = llvm.mlir.poison : !llvm.ptr
  %q = llvm.select %c, %0, %p : i1, !llvm.ptr
  llvm.call @puts(%q) : (!llvm.ptr) -> ()
  return
}
