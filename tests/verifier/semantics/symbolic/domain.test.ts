// The symbolic domains agree with the concrete one: the same ops.ts definitions run over
// SMT terms (bit-vectors, and the Int representation) and over BigInts, on random and edge
// inputs, and the terms are evaluated under a model giving the inputs' values.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { evaluate } from '../../../../verifier/smt/model.ts';
import { walk } from '../../../../verifier/smt/smtlib.ts';
import type { Term } from '../../../../verifier/smt/term.ts';
import type { Width } from '../../../../verifier/semantics/domain.ts';
import { bigIntDomain, norm, numberFloatDomain } from '../../../../verifier/semantics/concrete.ts';
import { convert, intArith, intCompare, intShift, type CompareOp, type IntArithOp } from '../../../../verifier/semantics/ops.ts';
import { floatBits, floatOfBits, symFloatDomain, symIntDomain, symIntDomainInt, type SymIntDomain } from '../../../../verifier/semantics/symbolic/domain.ts';

const MATH_BITS = 256;

// a small deterministic generator (xorshift), so failures reproduce
let seed = 0x2545f4914f6cdd1dn;
function rnd(): bigint {
  seed ^= (seed << 13n) & 0xffffffffffffffffn;
  seed ^= seed >> 7n;
  seed ^= (seed << 17n) & 0xffffffffffffffffn;
  return seed & 0xffffffffffffffffn;
}

const WIDTHS: Width[] = [
  { bits: 8, signed: true },
  { bits: 8, signed: false },
  { bits: 16, signed: true },
  { bits: 32, signed: false },
  { bits: 32, signed: true },
  { bits: 64, signed: true },
  { bits: 64, signed: false },
  'math',
];

function samples(w: Width): bigint[] {
  const out: bigint[] = [0n, 1n, -1n, 2n, 7n];
  if (w === 'math') {
    out.push(1n << 70n, -(1n << 90n), 123456789012345678901234567890n);
    for (let i = 0; i < 5; i++) out.push(BigInt.asIntN(100, rnd() * rnd()));
    return out;
  }
  const b = BigInt(w.bits);
  out.push(1n << (b - 1n), (1n << (b - 1n)) - 1n, (1n << b) - 1n);
  for (let i = 0; i < 5; i++) out.push(rnd());
  return [...new Set(out.map((x) => norm(x, w)))];
}

type Env = { F: TermFactory; D: SymIntDomain; name: string };

function envs(): Env[] {
  const F1 = new TermFactory();
  const F2 = new TermFactory();
  return [
    { F: F1, D: symIntDomain(F1, MATH_BITS), name: 'bit-vectors' },
    { F: F2, D: symIntDomainInt(F2), name: 'Int' },
  ];
}

/** Model value of an integer of width w in the representation. */
function modelValue(D: SymIntDomain, v: bigint, w: Width): bigint {
  return D.repr === 'int' ? v : BigInt.asUintN(D.bitsOf(w), v);
}

/** The integer a model value stands for at width w. */
function readBack(D: SymIntDomain, v: unknown, w: Width): bigint {
  const n = v as bigint;
  if (D.repr === 'int') return n;
  return w === 'math' ? BigInt.asIntN(MATH_BITS, n) : norm(n, w);
}

/** Evaluates f(inputs). The Int domain over-approximates bitwise operations and products
 *  and quotients of unknowns by a fresh choice (`approx!n`) within bounds: `choice` gives
 *  it a value — the true result, to check that the truth is always admissible. */
function run(e: Env, w: Width, vals: bigint[], f: (xs: Term[]) => Term, choice?: bigint): unknown {
  const xs = vals.map((_, i) => e.F.var(`x${i}_${e.D.bitsOf(w)}_${w === 'math' ? 'm' : w.signed ? 's' : 'u'}`, e.D.sort(w)));
  const model = new Map<string, bigint>(xs.map((x, i) => [(x as { name: string }).name, modelValue(e.D, vals[i]!, w)]));
  const t = f(xs);
  walk([t], (x) => {
    if (x.kind === 'var' && x.name.startsWith('approx!')) model.set(x.name, choice ?? 0n);
  });
  return evaluate(t, model);
}

const ARITH: IntArithOp[] = ['add', 'sub', 'mul', 'div', 'rem', 'neg', 'band', 'bor', 'bxor', 'bnot'];

for (const e of envs()) {
  test(`${e.name}: integer arithmetic and its faults agree with BigInt`, () => {
    let n = 0;
    for (const w of WIDTHS) {
      const vs = samples(w);
      for (const op of ARITH) {
        for (const a of vs) {
          for (const b of vs.slice(0, 7)) {
            if ((op === 'div' || op === 'rem') && b === 0n) continue; // unspecified (guarded by a fault)
            // bitwise ops on math values: only small ones (the Int domain uses 256-bit vectors)
            const args = op === 'neg' || op === 'bnot' ? [a] : [a, b];
            const want = intArith(bigIntDomain, op, w, args);
            const got = run(e, w, args, (xs) => intArith(e.D, op, w, xs).value, want.value);
            if (e.D.repr === 'int' && (op === 'band' || op === 'bor' || op === 'bxor')) {
              // whatever the choice, the result stays a value of the width
              const wrong = run(e, w, args, (xs) => intArith(e.D, op, w, xs).value, 1n << 70n);
              assert.ok(w === 'math' || norm(wrong as bigint, w) === wrong, `${op} result in range`);
            }
            assert.is(readBack(e.D, got, w), want.value, `${op} ${a} ${b} at ${JSON.stringify(w)}`);
            // every fault: exact, except the Int domain's product of two unknowns, whose
            // overflow condition over-approximates (it must hold whenever the product overflows)
            const approx = e.D.repr === 'int' && op === 'mul';
            want.faults.forEach((f, i) => {
              const g = run(e, w, args, (xs) => intArith(e.D, op, w, xs).faults[i]!.when);
              if (approx) assert.ok(!f.when || g === true, `${f.category} of ${op} ${a} ${b} at ${JSON.stringify(w)} is missed`);
              else assert.is(g, f.when, `${f.category} of ${op} ${a} ${b} at ${JSON.stringify(w)}`);
            });
            n++;
          }
        }
      }
    }
    assert.ok(n > 1000);
  });

  test(`${e.name}: comparisons, shifts and conversions agree with BigInt`, () => {
    const CMP: CompareOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];
    for (const w of WIDTHS) {
      const vs = samples(w);
      for (const a of vs) {
        for (const b of vs) {
          for (const op of CMP) {
            assert.is(run(e, w, [a, b], (xs) => intCompare(e.D, op, w, xs[0]!, xs[1]!)), intCompare(bigIntDomain, op, w, a, b), `${op} ${a} ${b}`);
          }
        }
        if (w === 'math') continue;
        for (const c of [0n, 1n, 5n, 31n, 63n, 64n, 65n, 200n]) {
          const cw: Width = { bits: 64, signed: true };
          for (const op of ['shl', 'shr'] as const) {
            const want = intShift(bigIntDomain, op, w, w.bits, a, c, cw);
            // the count is a literal (the common case) and a variable
            const lit = run(e, w, [a], (xs) => intShift(e.D, op, w, w.bits, xs[0]!, e.D.lit(c, cw), cw), want);
            assert.is(readBack(e.D, lit, w), want, `${op} ${a} by ${c}`);
            const cv = e.F.var(`count${e.D.repr}`, e.D.sort(cw));
            const xv = e.F.var(`x_shift_${w.bits}${w.signed}`, e.D.sort(w));
            const model = new Map<string, bigint>([
              ['count' + e.D.repr, modelValue(e.D, c, cw)],
              [`x_shift_${w.bits}${w.signed}`, modelValue(e.D, a, w)],
            ]);
            const term = intShift(e.D, op, w, w.bits, xv, cv, cw);
            walk([term], (x) => {
              if (x.kind === 'var' && x.name.startsWith('approx!')) model.set(x.name, want);
            });
            const sym = evaluate(term, model);
            assert.is(readBack(e.D, sym, w), want, `${op} ${a} by variable ${c}`);
          }
        }
        for (const to of WIDTHS) {
          const want = convert(bigIntDomain, numberFloatDomain, { kind: 'int', w }, { kind: 'int', w: to }, a).value as bigint;
          const got = run(e, w, [a], (xs) => convert(e.D, symFloatDomain(e.F, e.D), { kind: 'int', w }, { kind: 'int', w: to }, xs[0]!).value as Term);
          assert.is(readBack(e.D, got, to), want, `${a} from ${JSON.stringify(w)} to ${JSON.stringify(to)}`);
        }
      }
    }
  });

  test(`${e.name}: ranges and literals`, () => {
    const w: Width = { bits: 8, signed: true };
    if (e.D.repr === 'int') {
      assert.is(evaluate(e.D.inRange(e.F.int(127), w), new Map()), true);
      assert.is(evaluate(e.D.inRange(e.F.int(128), w), new Map()), false);
    } else assert.is(evaluate(e.D.inRange(e.F.bv(1, 8), w), new Map()), true);
    assert.is(e.D.litValue(e.D.lit(-5n, w), w), -5n);
    assert.is(e.D.litValue(e.D.lit(300n, w), w), 44n); // wraps like int8 300
  });
}

test('Int: `x &&& c` with a non-negative literal mask is exact (no fresh choice), negative x too', () => {
  const F = new TermFactory();
  const D = symIntDomainInt(F);
  const masks = [0x80n, 0x40n, 0xf0n, 0x7en, 0x0fn, 0x8000n, 0xff00n, 0x80000000n, 0x5an, 1n << 63n];
  let n = 0;
  for (const w of WIDTHS) {
    if (w === 'math') continue;
    for (const m of masks) {
      const c = norm(m, w);
      if (c <= 0n) continue; // zero folds; a negative literal mask (1 <<< 63 as int64) keeps the approximation
      for (const a of samples(w)) {
        const want = intArith(bigIntDomain, 'band', w, [a, c]).value;
        const x = F.var(`mask_x_${w.bits}${w.signed}`, D.sort(w));
        const t = intArith(D, 'band', w, [x, D.lit(c, w)]).value;
        let fresh = false;
        walk([t], (v) => {
          if (v.kind === 'var' && v.name.startsWith('approx!')) fresh = true;
        });
        assert.not.ok(fresh, `${a} &&& ${c} at ${JSON.stringify(w)} is exact`);
        assert.is(evaluate(t, new Map([[`mask_x_${w.bits}${w.signed}`, a]])), want, `${a} &&& ${c} at ${JSON.stringify(w)}`);
        n++;
      }
    }
  }
  assert.ok(n > 200);
});

test('floats: literal operations fold with the concrete semantics; unknown ones are fresh', () => {
  const F = new TermFactory();
  const D = symIntDomainInt(F);
  const Fl = symFloatDomain(F, D);
  const a = Fl.lit(0.1, 64);
  const b = Fl.lit(0.2, 64);
  assert.is(floatOfBits((Fl.add(a, b, 64) as { value: bigint }).value, 64), 0.30000000000000004);
  assert.is(floatOfBits((Fl.lit(0.1, 32) as { value: bigint }).value, 32), Math.fround(0.1));
  assert.equal(Fl.lt(a, b), F.true);
  const x = F.var('fx', { kind: 'bv', width: 64 });
  const s = Fl.add(x, a, 64);
  assert.is(s.kind, 'var', 'a non-literal operation is a fresh unknown');
  assert.is.not(Fl.add(x, a, 64), s, 'each unknown result is its own');
  // float -> int of a literal: the x86 value, and the overflow fault
  const big = Fl.lit(1e300, 64);
  const out = convert(D, Fl, { kind: 'float', bits: 64 }, { kind: 'int', w: { bits: 32, signed: true } }, big);
  assert.is((out.value as { value: bigint }).value, -(1n << 31n));
  assert.equal(out.faults[0]!.when, F.true);
  assert.is(floatBits(-0, 64), 1n << 63n);
});

test.run();
