// cutpoint.ts keys each side's loop-header records by kind and loop. A second record of one
// loop was dropped silently by the map (review 19: no MLIR run was found to make one, but its
// state would never have been compared with the other side's). Now the cut-point attempt ends
// with a named reason (Unsupported, which validate.ts cutpointAttempt reports as why the
// proof was not made), as Core -> MLIR's "met twice" does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../verifier/semantics/mlir/module-info.ts';
import { SymExec } from '../../../verifier/semantics/mlir/symexec.ts';
import { unflatten, Unsupported } from '../../../verifier/semantics/mlir/values.ts';
import { argLayout, pairEnv } from '../../../verifier/tv/pair.ts';
import { cutpointQuery, recordsByLoop } from '../../../verifier/tv/cutpoint.ts';

const LOOP = `func.func @f(%n: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%a = %c0) -> (index) {
    %b = arith.addi %a, %i : index
    scf.yield %b : index
  }
  return %r : index
}`;

/** Both sides of the pair (LOOP, LOOP) run in cut-point mode, as validate.ts runSides does. */
function sides() {
  const si = moduleInfo(parseMlir(LOOP, 's.mlir'));
  const ti = moduleInfo(parseMlir(LOOP, 't.mlir'));
  const s = si.funcs.get('f')!;
  const t = ti.funcs.get('f')!;
  const pair = pairEnv(si, ti, 2);
  pair.env.cutpoints = true;
  const layout = argLayout(pair, s, t, true);
  const args = (fn: typeof s) => {
    const at = { i: 0 };
    return fn.params.map((p) => unflatten(p, layout.values, at));
  };
  const src = new SymExec(pair.env, si, s, 'src', layout.memory).run(args(s));
  const tgt = new SymExec(pair.env, ti, t, 'tgt', layout.memory).run(args(t));
  return { f: pair.env.f, D: pair.env.D, pre: layout.pre, src, tgt };
}

test('one arrival and one back edge per loop: the query is built, one part per record kind', () => {
  const { f, D, pre, src, tgt } = sides();
  assert.equal(src.cutRecords.map((r) => `${r.kind}.${r.loop}`).sort(), ['arrive.0', 'back.0']);
  assert.is(recordsByLoop('source', src.cutRecords).size, 2);
  const q = cutpointQuery(f, D, pre, src, tgt, true);
  assert.is(q.loops, 1);
});

test('a second record of one loop ends the attempt, named (it was dropped silently)', () => {
  const { f, D, pre, src, tgt } = sides();
  const back = src.cutRecords.find((r) => r.kind === 'back')!;
  src.cutRecords.push({ ...back });
  assert.throws(() => cutpointQuery(f, D, pre, src, tgt, true), (e: unknown) => e instanceof Unsupported && /the source's run met the back edge of loop 0 twice/.test(e.message));
  const arrive = tgt.cutRecords.find((r) => r.kind === 'arrive')!;
  assert.throws(() => recordsByLoop('target', [arrive, { ...arrive }]), (e: unknown) => e instanceof Unsupported && /the target's run met the entry of loop 0 twice/.test(e.message));
});

test.run();
