// model-fp.ts: the evaluator's FloatingPoint operators, exact or `unspecified`. Checked
// against the concrete float domain through the symbolic encoding itself (symbolic-float.ts
// evaluated under a model must give the bits verifier/semantics/mlir/float.ts computes),
// against z3 on the same random operands, and in use: query.ts nanSetHolds decides whether
// a non-replaying model is the NaN-payload unknown (scratch/review13 K6: any query holding
// extraNaN's condition was, whatever the model).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort, fpSort, BOOL, type Term } from '../../../verifier/smt/term.ts';
import { EvalError, evaluate, type ModelValue } from '../../../verifier/smt/model.ts';
import { checkQuery, disposeSolvers } from '../../../verifier/smt/solver.ts';
import { symFArith } from '../../../verifier/semantics/mlir/symbolic-float.ts';
import { canonicalBits, fbin, numberToBits, roundTo, type FArith, type FW } from '../../../verifier/semantics/mlir/float.ts';
import { extraNaN, nanSetHolds } from '../../../verifier/tv/query.ts';
import { prng } from '../../helpers/prng.ts';

const f = new TermFactory();
const EB = { 32: 8, 64: 11 } as const;
const SB = { 32: 24, 64: 53 } as const;
const OPS: FArith[] = ['add', 'sub', 'mul', 'div'];

/** Random operands: random bit patterns (NaNs, infinities, subnormals among them) and edges. */
function operands(w: FW, n: number): bigint[] {
  const r = prng(w);
  const edges = [0, -0, 1, -1, 0.5, 2.5, -2.5, Infinity, -Infinity, NaN, 1e-310, 3.4e38, 1.7976931348623157e308].map((x) => numberToBits(roundTo(x, w), w));
  const rand = Array.from({ length: n }, () => (w === 32 ? BigInt(Math.floor(r() * 2 ** 32)) : (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32))));
  return [...edges, ...rand];
}

const bitsOf = (x: bigint, w: FW): number => {
  const b = new DataView(new ArrayBuffer(8));
  if (w === 32) b.setUint32(0, Number(x));
  else b.setBigUint64(0, x);
  return w === 32 ? b.getFloat32(0) : b.getFloat64(0);
};

test('the encoding evaluated under a model gives the concrete domain\'s bits', () => {
  for (const w of [32, 64] as const) {
    const a = f.var(`a${w}`, bvSort(w));
    const b = f.var(`b${w}`, bvSort(w));
    const xs = operands(w, 12);
    for (const op of OPS) {
      const term = symFArith(f, op, a, b, w);
      for (const x of xs)
        for (const y of xs.slice(0, 8)) {
          const want = canonicalBits(roundTo(fbin(op, bitsOf(x, w), bitsOf(y, w)), w), w);
          const got = evaluate(term, new Map<string, ModelValue>([[`a${w}`, x], [`b${w}`, y]]));
          assert.is(got, want, `${op}${w}(${bitsOf(x, w)}, ${bitsOf(y, w)})`);
        }
    }
  }
});

test('z3 agrees with the evaluator on fp.add/sub/mul/div, fp.isNaN and fp.lt', async () => {
  const cases: Term[] = [];
  for (const w of [32, 64] as const) {
    const S = fpSort(EB[w], SB[w]);
    const xs = operands(w, 10);
    for (const op of OPS)
      for (const x of xs.slice(0, 8))
        for (const y of xs.slice(8, 16)) {
          const fx = f.app('to_fp', [f.bv(x, w)], [EB[w], SB[w]]);
          const fy = f.app('to_fp', [f.bv(y, w)], [EB[w], SB[w]]);
          const r = f.app(`fp.${op}` as 'fp.add', [f.app('RNE', []), fx, fy]);
          assert.equal(r.sort, S);
          const bits = evaluate(r, new Map()) as bigint;
          // (= r bits) is SMT-LIB's identity of values (every NaN one, -0 not 0): z3 must find
          // no model where it is false
          cases.push(f.not(f.eq(r, f.app('to_fp', [f.bv(bits, w)], [EB[w], SB[w]]))));
          const nan = evaluate(f.app('fp.isNaN', [r]), new Map());
          cases.push(nan ? f.not(f.app('fp.isNaN', [r])) : f.app('fp.isNaN', [r]));
          const lt = evaluate(f.app('fp.lt', [fx, fy]), new Map());
          cases.push(lt ? f.not(f.app('fp.lt', [fx, fy])) : f.app('fp.lt', [fx, fy]));
        }
  }
  const r = await checkQuery({ assertions: [f.or(...cases)], wantModel: [], description: 'model-fp.ts against z3' }, { timeoutMs: 60_000 });
  assert.is(r.status, 'unsat');
});

test('what it cannot do exactly is unspecified, never a guess', () => {
  const S = fpSort(8, 24);
  const one = f.app('to_fp', [f.bv(numberToBits(1, 32), 32)], [8, 24]);
  const rem = f.app('fp.rem', [one, one]);
  assert.throws(() => evaluate(rem, new Map()), (e: unknown) => e instanceof EvalError && e.reason === 'unspecified');
  const rtz = f.app('fp.add', [f.app('RTZ', []), one, one]);
  assert.throws(() => evaluate(rtz, new Map()), (e: unknown) => e instanceof EvalError);
  assert.is(S.kind, 'fp');
  // roundToIntegral, nearest even: 2.5 -> 2, -0.5 -> -0
  const rti = (x: number) => evaluate(f.app('fp.roundToIntegral', [f.app('RNE', []), f.app('to_fp', [f.bv(numberToBits(x, 64), 64)], [11, 53])]), new Map());
  assert.is(rti(2.5), numberToBits(2, 64));
  assert.is(rti(-0.5), numberToBits(-0, 64));
  assert.is(rti(3.5), numberToBits(4, 64));
});

test('nanSetHolds: a NaN-payload unknown only where the target computes a NaN of its own', () => {
  const x = f.var('x', bvSort(64));
  const y = f.var('y', bvSort(64));
  // the source computes x + x, the target y + x: a NaN of y's is the target's own
  const c = extraNaN(f, symFArith(f, 'add', x, x, 64), symFArith(f, 'add', y, x, 64));
  assert.is(c.sort, BOOL);
  const at = (a: number, b: number) => new Map<string, ModelValue>([['x', numberToBits(a, 64)], ['y', numberToBits(b, 64)]]);
  const q = f.or(f.var('other', BOOL), c);
  assert.is(nanSetHolds(q, at(1, 2)), false); // before: the NaN-payload unknown whatever the model
  assert.is(nanSetHolds(q, at(1, NaN)), true);
  assert.is(nanSetHolds(q, at(Infinity, -Infinity)), true);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
