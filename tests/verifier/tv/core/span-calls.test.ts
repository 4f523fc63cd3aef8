// Clef calls that return a span (core-calls engineer, span-calls.ts). Before, a call of a
// function returning `Span<int>` was `unsupported: a call of row, which takes or returns
// Span<int>` (matmul_span's main). Now the returned memref is the one over the block the
// caller handed, with Core's offset and length (what the callee's own check proves), and the
// caller may write through it and pass it on.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { mutate } from './helpers.ts';
import { EFFORT, withRlimit } from '../../../helpers/effort.ts';

const SOURCE = `
let table = [| 1; 2; 3 |]

[<Requires("i >= 0 && i < 3 && m.Length >= 9")>]
let row (m: Span<int>) (i: int) : Span<int> = Span.slice m (i * 3) 3

let first (r: Span<int>) : int = r.[0]

[<Requires("m.Length >= 9")>]
let useRow (m: Span<int>) : int =
    let r = row m 1
    r.[1] <- 7
    first r + r.[2]

let pick (m: Span<int>) (k: int) : Span<int> = if k = 0 then m else table

let usePick (m: Span<int>) : int =
    let r = pick m 1
    first r

let main _ = 0
`;

const core = frontEndText('span-calls.clef', SOURCE).core;
const mlir = coreToMlir(core);

// limited by solver work (effort.ts), not the clock: useRow's parts need up to 2.2 M units
// (2 s loaded, 26 Nov) and its proof is pinned
async function verdict(fn: string, edit: (t: string) => string = (t) => t) {
  const mod = parseMlir(edit(mlir), 'span-calls.mutant.mlir');
  return withRlimit(() => validateCoreFunction(core, core.functions.find((f) => f.name === fn)!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: EFFORT.timeoutMs }));
}

test('a returned row written through and passed on: proved (was unsupported)', async () => {
  const v = await verdict('useRow');
  assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
});

// (the call's operands differ; a model whose m[0] equals m[3] does not replay as a
// difference, since the replay compares what the two runs return and leave)
test('the whole span passed on instead of the row: never proved', async () => {
  const v = await verdict('useRow', (t) => mutate(t, 'useRow', /func\.call @clef\.first\(%call_2\)/, 'func.call @clef.first(%m_0)'));
  assert.is.not(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
  assert.match(v.verdict, /^(refuted|unknown)$/);
});

test('the store through the row made through the whole span: refuted, replayed', async () => {
  const v = await verdict('useRow', (t) => mutate(t, 'useRow', /memref\.store %c7_4, %call_2\[%3\]/, 'memref.store %c7_4, %m_0[%3]'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test('a callee that may return a view of a static stays unsupported, with the reason', async () => {
  const v = await verdict('usePick');
  assert.is(v.verdict, 'unsupported');
  assert.match(v.detail, /a view of a static/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
