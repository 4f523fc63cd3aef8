// Soundness probe (review, session 14, L3): the semantics gives a call of a Clef runtime
// name (`@clef_zero_S`: a zero fill; `@clef_write` etc.: the runtime's buffer preconditions
// as UB of the caller) or of malloc/free its library meaning by name — also when the module
// defines a function of that name with a body of its own. A source calling its own
// `@clef_zero_i8` (which stores 1) and reading the byte was proved equal to `return 0`
// (native, mlir-opt-19 lowering + clang -O2: 1 against 0); a source calling its own empty
// `@clef_write` with a string whose size word exceeds its block was UB in the model, so a
// target returning 1 for 0 was proved. Such a caller is now unsupported, named; a runtime
// function the module only declares keeps its meaning.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

/** @f's verdict (the modules also define the runtime-named function, whose own row is not the subject). */
async function fVerdict(src: string, tgt: string): Promise<string> {
  const vs = await validatePair(parseMlir(src, 'src.mlir'), parseMlir(tgt, 'tgt.mlir'), { unroll: 2, timeoutMs: 20_000 });
  const v = vs.find((x) => x.name === 'f')!;
  return `${v.verdict}: ${v.detail}`;
}

const VIEW = 'memref<?xi8, strided<[1], offset: ?>>';
const zero = (body: boolean, ret: string) => `${body ? `func.func @clef_zero_i8(%m: ${VIEW}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : i8
  memref.store %c1, %m[%c0] : ${VIEW}
  return
}` : `func.func private @clef_zero_i8(${VIEW})`}
func.func @f() -> i8 {
  %c0 = arith.constant 0 : index
  %a = memref.alloca() : memref<4xi8>
  %v = memref.cast %a : memref<4xi8> to ${VIEW}
  func.call @clef_zero_i8(%v) : (${VIEW}) -> ()
  ${ret === 'load' ? '%r = memref.load %a[%c0] : memref<4xi8>' : `%r = arith.constant ${ret} : i8`}
  return %r : i8
}`;
const write = (k: number) => `func.func @clef_write(%s: memref<?xi8>) {
  return
}
func.func @f() -> i32 {
  %a = memref.alloca() : memref<4xi8>
  %v = memref.reinterpret_cast %a to offset: [0], sizes: [100], strides: [1] : memref<4xi8> to memref<?xi8>
  func.call @clef_write(%v) : (memref<?xi8>) -> ()
  %r = arith.constant ${k} : i32
  return %r : i32
}`;

test('a call of a runtime name the module defines is not given the runtime meaning', async () => {
  const z = await fVerdict(zero(true, 'load'), zero(true, '0'));
  assert.match(z, /^unsupported: unsupported: the source calls @clef_zero_i8, which the module defines/, z);
  const w = await fVerdict(write(0), write(1));
  assert.match(w, /^unsupported: unsupported: the source calls @clef_write, which the module defines/, w);
});

test('the runtime as declared keeps its meaning', async () => {
  const v = await pairVerdict(zero(false, 'load'), zero(false, '0'));
  assert.match(v, /^proved/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
