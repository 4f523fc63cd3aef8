module {
  func.func @pick(%arg0: memref<?xi8>, %arg1: memref<?xi8>, %arg2: index) -> i8 {
    %0 = ub.poison : memref<?xi8>
    %1 = ub.poison : index
    %c1_i32 = arith.constant 1 : i32
    %c0_i32 = arith.constant 0 : i32
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %2:2 = scf.while (%arg3 = %c0, %arg4 = %0) : (index, memref<?xi8>) -> (index, memref<?xi8>) {
      %4 = arith.remui %arg3, %c2 : index
      %5 = arith.cmpi ne, %4, %c0 : index
      %6 = arith.select %5, %arg0, %arg1 : memref<?xi8>
      %7 = arith.addi %arg3, %c1 : index
      %8 = arith.cmpi ult, %7, %arg2 : index
      %9:3 = scf.if %8 -> (index, i32, i32) {
        scf.yield %7, %c0_i32, %c1_i32 : index, i32, i32
      } else {
        scf.yield %1, %c1_i32, %c0_i32 : index, i32, i32
      }
      %10 = arith.trunci %9#2 : i32 to i1
      scf.condition(%10) %9#0, %6 : index, memref<?xi8>
    } do {
    ^bb0(%arg3: index, %arg4: memref<?xi8>):
      scf.yield %arg3, %arg4 : index, memref<?xi8>
    }
    %3 = memref.load %2#1[%c0] : memref<?xi8>
    return %3 : i8
  }
}

