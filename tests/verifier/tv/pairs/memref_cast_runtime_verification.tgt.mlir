module {
  func.func @f(%arg0: i1, %arg1: memref<4xi8>) -> i8 {
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    %0 = ub.poison : index
    %1 = arith.select %arg0, %c4, %0 : index
    %reinterpret_cast = memref.reinterpret_cast %arg1 to offset: [0], sizes: [%1], strides: [1] : memref<4xi8> to memref<?xi8>
    %base_buffer, %offset, %sizes, %strides = memref.extract_strided_metadata %arg1 : memref<4xi8> -> memref<i8>, index, index, index
    %c0_0 = arith.constant 0 : index
    %c4_1 = arith.constant 4 : index
    %base_buffer_2, %offset_3, %sizes_4, %strides_5 = memref.extract_strided_metadata %reinterpret_cast : memref<?xi8> -> memref<i8>, index, index, index
    %c0_6 = arith.constant 0 : index
    %true = arith.constant true
    %2 = arith.cmpi sle, %sizes_4, %c4_1 : index
    %3 = arith.andi %2, %true : i1
    cf.assert %3, "ERROR: Runtime op verification failed\0A%4 = \22memref.reinterpret_cast\22(%arg1, %3) <{operandSegmentSizes = array<i32: 1, 0, 1, 0>, static_offsets = array<i64: 0>, static_sizes = array<i64: -9223372036854775808>, static_strides = array<i64: 1>}> : (memref<4xi8>, index) -> memref<?xi8>\0A^ result of reinterpret_cast is out-of-bounds of the base memref\0ALocation: loc(\22cast_tgt.mlir\22:6:9)"
    %cast = memref.cast %reinterpret_cast : memref<?xi8> to memref<?xi8, strided<[?], offset: ?>>
    %base_buffer_7, %offset_8, %sizes_9, %strides_10 = memref.extract_strided_metadata %cast : memref<?xi8, strided<[?], offset: ?>> -> memref<i8>, index, index, index
    %c0_11 = arith.constant 0 : index
    %dim = memref.dim %reinterpret_cast, %c0_11 : memref<?xi8>
    %c4_12 = arith.constant 4 : index
    %4 = arith.cmpi eq, %dim, %c4_12 : index
    cf.assert %4, "ERROR: Runtime op verification failed\0A%19 = \22memref.cast\22(%4) : (memref<?xi8>) -> memref<4xi8>\0A^ size mismatch of dim 0\0ALocation: loc(\22cast_tgt.mlir\22:7:9)"
    %c0_13 = arith.constant 0 : index
    %5 = arith.cmpi eq, %offset_8, %c0_13 : index
    cf.assert %5, "ERROR: Runtime op verification failed\0A%21 = \22memref.cast\22(%4) : (memref<?xi8>) -> memref<4xi8>\0A^ offset mismatch\0ALocation: loc(\22cast_tgt.mlir\22:7:9)"
    %c1 = arith.constant 1 : index
    %6 = arith.cmpi eq, %strides_10, %c1 : index
    cf.assert %6, "ERROR: Runtime op verification failed\0A%23 = \22memref.cast\22(%4) : (memref<?xi8>) -> memref<4xi8>\0A^ stride mismatch of dim 0\0ALocation: loc(\22cast_tgt.mlir\22:7:9)"
    %cast_14 = memref.cast %reinterpret_cast : memref<?xi8> to memref<4xi8>
    %c0_15 = arith.constant 0 : index
    %c0_16 = arith.constant 0 : index
    %c4_17 = arith.constant 4 : index
    %true_18 = arith.constant true
    %true_19 = arith.constant true
    cf.assert %true_18, "ERROR: Runtime op verification failed\0A%29 = \22memref.load\22(%23, %0) : (memref<4xi8>, index) -> i8\0A^ out-of-bounds access\0ALocation: loc(\22cast_tgt.mlir\22:8:8)"
    %7 = memref.load %cast_14[%c0] : memref<4xi8>
    return %7 : i8
  }
}

