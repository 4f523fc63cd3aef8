// Runtime calls (Console, Format) in a function with an arena parameter (core-calls
// engineer). Before, any such call was `unsupported: a call in a function with arena memory`
// (tlv_parser parseField, arena_queue runFrame): the runtime's effect on the arena's bytes
// was not related. The runtime's contract says a call writes only the buffer it is handed,
// so the arena's blocks are kept across it (a frame, calls.ts) — unless the target hands the
// arena itself as the buffer, which must then show.
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
[<Requires("Arena.remaining a >= 64 && x < 1000 && x > -1000")>]
let useF (a: Arena) (x: int) : Span<int> =
    let s = Arena.alloc<int> a 2
    s.[0] <- x
    Console.writeln (Format.int x)
    s.[1] <- s.[0] + 1
    s

let main _ = 0
`;

const core = frontEndText('arena-events.clef', SOURCE).core;
const mlir = coreToMlir(core);

// limited by solver work (effort.ts), not the clock: useF's parts need up to 2.1 M units (1.6 s loaded, 26 Nov)
// and the verdicts are pinned
async function verdict(edit: (t: string) => string = (t) => t) {
  const mod = parseMlir(edit(mlir), 'arena-events.mutant.mlir');
  return withRlimit(() => validateCoreFunction(core, core.functions.find((f) => f.name === 'useF')!, mod, moduleInfo(mod), { unroll: 2, timeoutMs: EFFORT.timeoutMs }));
}

test('an arena allocation written around Format.int and Console.writeln: proved (was unsupported)', async () => {
  const v = await verdict();
  assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
});

test('a wrong value stored in the allocation before the runtime calls: refuted, replayed', async () => {
  const v = await verdict((t) => mutate(t, 'useF', /memref\.store %x_2, %view_16/, 'memref.store %c2_3, %view_16'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
});

test('the arena handed to Format.int as its buffer (the text overwrites the arena): never proved', async () => {
  const v = await verdict((t) => mutate(t, 'useF', /(clef_fmt_i64\(%x_2, |reinterpret_cast )%buf_20/g, '$1%a_0'));
  assert.is.not(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
