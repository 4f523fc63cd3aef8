// Non-termination (lasso) refutations: the concrete detector of repeated header states, and
// the rule that a lasso model refutes only when its concrete replay really repeats a state
// while the source returns. (The pairs lasso_*.{src,tgt}.mlir check the verdicts.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { ConcreteMemory } from '../../../verifier/semantics/mlir/concrete-memory.ts';
import { Interpreter, type CVal } from '../../../verifier/semantics/mlir/interp.ts';
import { moduleInfo } from '../../../verifier/semantics/mlir/module-info.ts';
import type { Term } from '../../../verifier/smt/term.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { Diverges, lassoDetector } from '../../../verifier/tv/lasso-replay.ts';
import { argLayout, pairEnv } from '../../../verifier/tv/pair.ts';
import { replayCounterexample } from '../../../verifier/tv/replay.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';

const COUNT = (step: string) => `func.func @count(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  cf.br ^head(%c0 : i64)
^head(%i: i64):
  %more = arith.cmpi slt, %i, %n : i64
  cf.cond_br %more, ^body, ^exit
^body:
  %i2 = arith.addi %i, ${step} : i64
  cf.br ^head(%i2 : i64)
^exit:
  return %i : i64
}`;

// an inner loop that restarts from j = 0 in every iteration of the outer one: its header
// state repeats only if the outer loop's value (defined outside the inner loop) does too
const NESTED = (outerStep: string) => `func.func @nest(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %c3 = arith.constant 3 : i64
  cf.br ^outer(%c0, %c0 : i64, i64)
^outer(%i: i64, %s: i64):
  %more = arith.cmpi slt, %i, %n : i64
  cf.cond_br %more, ^pre, ^exit
^pre:
  cf.br ^inner(%c0, %s : i64, i64)
^inner(%j: i64, %t: i64):
  %in = arith.cmpi slt, %j, %c3 : i64
  cf.cond_br %in, ^ibody, ^next
^ibody:
  %j2 = arith.addi %j, %c1 : i64
  cf.br ^inner(%j2, %t : i64, i64)
^next:
  %i2 = arith.addi %i, ${outerStep} : i64
  cf.br ^outer(%i2, %t : i64, i64)
^exit:
  return %s : i64
}`;

/** Runs @fn of `text` on one i64 with the lasso detector: its result, or the Diverges. */
function run(text: string, fn: string, n: bigint): { returned: CVal[] } | { diverges: Diverges } {
  const info = moduleInfo(parseMlir(text, 'x.mlir'));
  const f = info.funcs.get(fn)!;
  const memory = new ConcreteMemory({ globalIds: new Map() });
  const interp = new Interpreter({
    info,
    memory,
    external: () => {
      throw new Error('no calls here');
    },
    maxSteps: 1_000_000,
    onBlockEntry: lassoDetector(f, memory, () => 0),
  });
  try {
    return { returned: interp.runFunction(f, [{ kind: 'int', w: 64, v: n, poison: false }]) };
  } catch (e) {
    if (e instanceof Diverges) return { diverges: e };
    throw e;
  }
}

test('a stuck counter repeats the header state after one iteration', () => {
  const r = run(COUNT('%c0'), 'count', 5n);
  assert.ok('diverges' in r, 'diverges');
  if ('diverges' in r) {
    assert.is(r.diverges.header, 'head');
    assert.is(r.diverges.again - r.diverges.first, 1);
  }
});

test('a long terminating loop is never taken for a lasso', () => {
  const r = run(COUNT('%c1'), 'count', 20_000n);
  assert.ok('returned' in r, 'returns');
  if ('returned' in r) assert.equal(r.returned[0], { kind: 'int', w: 64, v: 20_000n, poison: false });
});

test('an inner loop restarting in every outer iteration: the outer value is part of its state', () => {
  const r = run(NESTED('%c1'), 'nest', 50n);
  assert.ok('returned' in r, `the correct nest returns (${'diverges' in r ? r.diverges.message : ''})`);
  // the outer counter stuck: the outer header repeats (the inner loop's states repeat only
  // within one outer iteration, where j grows)
  const s = run(NESTED('%c0'), 'nest', 50n);
  assert.ok('diverges' in s, 'the stuck nest diverges');
  if ('diverges' in s) assert.is(s.diverges.header, 'outer');
});

test('a lasso model on which the target returns is not a refutation', () => {
  // the model may say anything: only the concrete runs decide (here n = 0 and n = 7: the
  // correct target returns on both)
  const si = moduleInfo(parseMlir(COUNT('%c1'), 'src.mlir'));
  const ti = moduleInfo(parseMlir(COUNT('%c1'), 'tgt.mlir'));
  const s = si.funcs.get('count')!;
  const t = ti.funcs.get('count')!;
  for (const n of [0n, 7n]) {
    const pair = pairEnv(si, ti, 2);
    const layout = argLayout(pair, s, t);
    const x = layout.values[0]!;
    assert.is(x.kind, 'int');
    const name = (x.kind === 'int' ? x.v : (null as unknown as Term)) as Term;
    const model = new Map(name.kind === 'var' ? [[name.name, n]] : []);
    const rep = replayCounterexample(si, ti, s, t, pair, layout, model, { unroll: 2, timeoutMs: 1000 }, true);
    assert.is(rep.kind, 'no', `n = ${n}`);
  }
});

test('a lasso refutation carries inputs on which the source returns and the target diverges', async () => {
  const [v] = await validatePair(parseMlir(COUNT('%c1'), 'src.mlir'), parseMlir(COUNT('%c0'), 'tgt.mlir'), { unroll: 2, timeoutMs: 20_000 });
  assert.is(v!.verdict, 'refuted', v!.detail);
  const cx = v!.counterexample!;
  assert.match(cx.difference, /^target does not terminate: state at \^head repeats after 1 iteration/);
  const n = BigInt(cx.inputs[0]!.value.split(' ')[0]!);
  const src = run(COUNT('%c1'), 'count', n);
  assert.ok('returned' in src, 'the source returns');
  assert.ok('diverges' in run(COUNT('%c0'), 'count', n), 'the target diverges on the same input');
  // without the lasso check the same pair is only bounded
  const [b] = await validatePair(parseMlir(COUNT('%c1'), 'src.mlir'), parseMlir(COUNT('%c0'), 'tgt.mlir'), { unroll: 2, timeoutMs: 20_000, lasso: false });
  assert.is(b!.verdict, 'bounded(2)');
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
