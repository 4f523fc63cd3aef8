// The runtime's buffer preconditions (verifier/semantics/mlir/runtime-pre.ts) in the concrete
// interpreter: a string argument whose bytes do not lie in one live block is UB at the call,
// before the runtime model runs (so a replay sees what the symbolic side assumed). The
// symbolic side is checked by the pairs runtime_buffer_short / runtime_buffer_larger.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { UBError } from '../../../verifier/semantics/mlir/concrete-memory.ts';
import { runMlir } from '../../../verifier/semantics/mlir/interp.ts';

const SHOW = (bytes: number, size: number) => `module {
  llvm.func @malloc(i64) -> !llvm.ptr
  func.func private @clef_fmt_u64(i64, !llvm.ptr, !llvm.ptr, i64, i64, i64) -> i64
  func.func private @clef_write(!llvm.ptr, !llvm.ptr, i64, i64, i64)
  func.func @show(%v: i64) {
    %bytes = llvm.mlir.constant(${bytes} : i64) : i64
    %size = llvm.mlir.constant(${size} : i64) : i64
    %c0 = llvm.mlir.constant(0 : i64) : i64
    %c1 = llvm.mlir.constant(1 : i64) : i64
    %p = llvm.call @malloc(%bytes) : (i64) -> !llvm.ptr
    %n = func.call @clef_fmt_u64(%v, %p, %p, %c0, %size, %c1) : (i64, !llvm.ptr, !llvm.ptr, i64, i64, i64) -> i64
    func.call @clef_write(%p, %p, %c0, %n, %c1) : (!llvm.ptr, !llvm.ptr, i64, i64, i64) -> ()
    return
  }
}`;

const arg = (v: bigint) => [{ kind: 'int' as const, w: 64, v, poison: false }];

test('a buffer as large as its size word: the runtime formats into it', () => {
  const r = runMlir(parseMlir(SHOW(32, 32), 'ok.mlir'), 'show', arg(12345n));
  assert.is(new TextDecoder().decode(new Uint8Array(r.io.stdout)), '12345');
});

// review 18: this was UB at the call ("though the text would fit"); clef_rt.c `put` writes only
// the text (clamped to the size word), so natively the call is defined: a source doing it was
// vacuous there (probe-runtime-counted.test.ts). The precondition is now on the bytes written.
test('a buffer one byte shorter than its size word, the text fits: the runtime formats into it', () => {
  const r = runMlir(parseMlir(SHOW(31, 32), 'short.mlir'), 'show', arg(7n));
  assert.is(new TextDecoder().decode(new Uint8Array(r.io.stdout)), '7');
});

test('a text longer than its block (size word 32, 3 bytes, 5 digits): UB', () => {
  assert.throws(
    () => runMlir(parseMlir(SHOW(3, 32), 'tiny.mlir'), 'show', arg(12345n)),
    (e: unknown) => e instanceof UBError && /@clef_fmt_u64/.test(e.what),
  );
});

test('an empty string touches no memory: no precondition', () => {
  // size 0 on a zero-byte buffer: the runtime writes nothing, and clef_write reads nothing
  const r = runMlir(parseMlir(SHOW(0, 0), 'empty.mlir'), 'show', arg(99n));
  assert.is(r.io.stdout.length, 0);
});

// the copy calls write max(0, min(len, size)) bytes (clef_rt.c), len the line's or the
// argument's length: a size word past the block is no fault while the text fits
// (probe-runtime-copies.test.ts has the symbolic side)
const COPY = (bytes: number, size: number) => `module {
  llvm.func @malloc(i64) -> !llvm.ptr
  func.func private @clef_readln_len() -> i64
  func.func private @clef_readln_copy(!llvm.ptr, !llvm.ptr, i64, i64, i64)
  func.func private @clef_arg_copy(i64, !llvm.ptr, !llvm.ptr, i64, i64, i64)
  func.func private @clef_write(!llvm.ptr, !llvm.ptr, i64, i64, i64)
  func.func @copy() {
    %bytes = llvm.mlir.constant(${bytes} : i64) : i64
    %size = llvm.mlir.constant(${size} : i64) : i64
    %c0 = llvm.mlir.constant(0 : i64) : i64
    %c1 = llvm.mlir.constant(1 : i64) : i64
    %p = llvm.call @malloc(%bytes) : (i64) -> !llvm.ptr
    %q = llvm.call @malloc(%bytes) : (i64) -> !llvm.ptr
    %n = func.call @clef_readln_len() : () -> i64
    func.call @clef_readln_copy(%p, %p, %c0, %size, %c1) : (!llvm.ptr, !llvm.ptr, i64, i64, i64) -> ()
    func.call @clef_write(%p, %p, %c0, %n, %c1) : (!llvm.ptr, !llvm.ptr, i64, i64, i64) -> ()
    func.call @clef_arg_copy(%c0, %q, %q, %c0, %size, %c1) : (i64, !llvm.ptr, !llvm.ptr, i64, i64, i64) -> ()
    func.call @clef_write(%q, %q, %c0, %c1, %c1) : (!llvm.ptr, !llvm.ptr, i64, i64, i64) -> ()
    return
  }
}`;

test('readln_copy and arg_copy into a block shorter than the size word: the line fits, it is copied', () => {
  const r = runMlir(parseMlir(COPY(8, 32), 'copy.mlir'), 'copy', [], undefined, { stdin: 'hello\n', argv: ['x'] });
  assert.is(new TextDecoder().decode(new Uint8Array(r.io.stdout)), 'hellox');
});

test('a line longer than the block (size word 32, 8 bytes): UB at the copy', () => {
  assert.throws(
    () => runMlir(parseMlir(COPY(8, 32), 'copy.mlir'), 'copy', [], undefined, { stdin: 'hello world\n', argv: ['x'] }),
    (e: unknown) => e instanceof UBError && /@clef_readln_copy: .*the bytes it copies/.test(e.what),
  );
});

test.run();
