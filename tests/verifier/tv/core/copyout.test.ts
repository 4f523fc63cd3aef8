// Region.copyOut (core-memory): the copy is an allocation of the arena parameter whose cells
// are the source's (Core's semantics, exec-memory.ts copyContents); core-to-mlir allocates the
// view in the arena's bytes and copies with an scf.for loop. It was `unsupported: Core
// RegionCopyOut (the copy's contents are not tracked ...)`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { outOfScope } from '../../../../verifier/tv/core/scope.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { mutate } from './helpers.ts';

const SOURCE = `
[<Requires("Arena.remaining a >= 64")>]
let keep (a: Arena) (x: byte) : Span<byte> =
    use r = Region.create ()
    let s = Region.alloc<byte> r 2
    s.[0] <- x
    s.[1] <- 7uy
    Region.copyOut a s

let main _ = 0
`;

const core = frontEndText('copyout.clef', SOURCE).core;
const mlir = coreToMlir(core);
const keep = core.functions.find((f) => f.name === 'keep')!;

async function verdict(edit: (t: string) => string = (t) => t) {
  const mod = parseMlir(edit(mlir), 'copyout.mutant.mlir');
  return validateCoreFunction(core, keep, mod, moduleInfo(mod), { unroll: 2, timeoutMs: 30_000 });
}

test('a region block copied out into the arena parameter and returned: proved', async () => {
  assert.is(outOfScope(core, keep), null);
  const v = await verdict();
  assert.is(v.verdict, 'proved', `${v.verdict}: ${v.detail}`);
});

test('the copy loop reading element 0 every time: refuted, replayed', async () => {
  const v = await verdict((t) => mutate(t, 'keep', /(%\d+) = memref\.load (%view_\d+)\[%\d+\]/, '$1 = memref.load $2[%c0_17]'));
  assert.is(v.verdict, 'refuted', `${v.verdict}: ${v.detail}`);
  assert.match(v.counterexample!.difference, /element 1 of the returned span/, v.counterexample!.difference);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
