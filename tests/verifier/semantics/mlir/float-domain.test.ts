// The float ops of the symbolic domain (SMT-LIB FloatingPoint, symbolic-float.ts) against the
// concrete domain (JS numbers, float.ts) on special and random bit patterns, on every solver
// back end installed: the two must agree bit for bit (NaN results included: both write the
// canonical NaN), or a counterexample found symbolically would not replay concretely.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { arraySort, bvSort, type Term } from '../../../../verifier/smt/term.ts';
import { backendByName, BACKEND_NAMES, checkQuery, defaultBackend, disposeSolvers, type Backend } from '../../../../verifier/smt/solver.ts';
import { printQuery } from '../../../../verifier/smt/smtlib.ts';
import { C } from '../../../../verifier/semantics/mlir/concrete-domain.ts';
import { symbolicDomain } from '../../../../verifier/semantics/mlir/symbolic-domain.ts';
import { numberToBits, type FArith, type FW } from '../../../../verifier/semantics/mlir/float.ts';

// cvc5 (fast on these) checks every row; the default back end (z3), for which each float
// result costs about a second, checks the first rows only — the machine is shared
const backends: { backend: Backend; rows: number }[] = [{ backend: defaultBackend(), rows: 3 }];
for (const n of BACKEND_NAMES) {
  const b = backendByName(n);
  if (n === 'cvc5' && (await b.available!())) backends.push({ backend: b, rows: Infinity });
}

// a small deterministic generator (xorshift), so a failure reproduces
let seed = 0x2545f491n;
function rand(w: number): bigint {
  seed ^= (seed << 13n) & 0xffffffffffffffffn;
  seed ^= seed >> 7n;
  seed ^= (seed << 17n) & 0xffffffffffffffffn;
  return BigInt.asUintN(w, seed);
}

function specials(w: FW): bigint[] {
  const xs = [0, -0, 1, -1, 1.5, -2.75, 3, 0.1, 1e30, -1e-30, Infinity, -Infinity, 2 ** 31, -(2 ** 31), 2 ** 32 - 1, 4294967296, 16777217, 2 ** 63];
  const bits = xs.map((x) => numberToBits(x, w));
  // NaNs: quiet, signalling, negative, with payload; the smallest subnormal; the largest finite
  if (w === 32) bits.push(0x7fc00000n, 0x7f800001n, 0xffc00123n, 0x00000001n, 0x7f7fffffn, 0x80000001n);
  else bits.push(0x7ff8000000000000n, 0x7ff0000000000001n, 0xfff8000000000123n, 1n, 0x7fefffffffffffffn, 0x8000000000000001n);
  return bits;
}

/** Asserts that `sym(xs)` = `conc(values)` for every row, with the inputs as variables (so
 *  the symbolic domain cannot fold them): one query per op, unsat when all rows agree. */
async function agree(name: string, widths: number[], rows: bigint[][], build: (D: ReturnType<typeof symbolicDomain>, f: TermFactory, xs: Term[], row: bigint[]) => Term) {
  for (const { backend, rows: n } of backends) {
    const f = new TermFactory();
    const D = symbolicDomain(f);
    const facts: Term[] = [];
    const wrong: Term[] = [];
    rows.slice(0, n).forEach((row, k) => {
      const xs = row.map((v, i) => f.var(`x${k}_${i}`, bvSort(widths[i]!)));
      xs.forEach((x, i) => facts.push(f.eq(x, f.bv(row[i]!, widths[i]!))));
      wrong.push(f.not(build(D, f, xs, row)));
    });
    const r = await checkQuery({ assertions: [...facts, f.or(...wrong)], wantModel: [] }, { backend, timeoutMs: 60_000 });
    assert.is(r.status, 'unsat', `${name} on ${backend.name}: ${r.status} ${r.reason ?? ''}`);
  }
}

function pairs(w: FW, n: number): bigint[][] {
  const s = specials(w);
  const rows: bigint[][] = [];
  for (let i = 0; i < s.length; i++) rows.push([s[i]!, s[(i * 7 + 3) % s.length]!]);
  for (let i = 0; i < n; i++) rows.push([rand(w), rand(w)]);
  // same-magnitude operands: exact cancellation, +0 vs -0
  rows.push([s[2]!, s[2]!], [s[0]!, s[1]!], [s[10]!, s[11]!]);
  // fmod vs IEEE remainder: quotients rounding away (the remainder's sign flips), a huge dividend
  const nb = (x: number) => numberToBits(x, w);
  rows.push([nb(5.5), nb(2)], [nb(-5.5), nb(2)], [nb(5), nb(-3)], [nb(-7), nb(Infinity)], [nb(1e30), nb(3)], [nb(-4), nb(2)]);
  return rows;
}

test('the query uses standard SMT-LIB only (no fp.to_ieee_bv) and names its logic', () => {
  const f = new TermFactory();
  const D = symbolicDomain(f);
  const x = f.var('x', bvSort(32));
  const r = D.farith('add', x, x, 32);
  const q = printQuery([f.eq(r, x)]);
  assert.is(q.logic, 'QF_FPBV');
  assert.not.match(q.text, /to_ieee_bv/);
  assert.match(q.text, /\(fp\.add RNE /);
});

test('a float query with arrays runs in ALL (no standard logic has both); the rounding mode prints bare', () => {
  const f = new TermFactory();
  const D = symbolicDomain(f);
  const m = f.var('m', arraySort(bvSort(8), bvSort(32)));
  const r = D.farith('mul', f.select(m, f.bv(0, 8)), f.select(m, f.bv(1, 8)), 32);
  const q = printQuery([f.eq(r, f.bv(0, 32))]);
  assert.is(q.logic, 'ALL');
  assert.match(q.text, /\(fp\.mul RNE /);
  assert.not.match(q.text, /\(RNE\)|\(RNE \)/);
});

test('commutative float ops give one term whatever the operand order', () => {
  const f = new TermFactory();
  const D = symbolicDomain(f);
  const a = f.var('a', bvSort(64));
  const b = f.var('b', bvSort(64));
  assert.is(D.farith('mul', a, b, 64).id, D.farith('mul', b, a, 64).id);
  assert.is(D.farith('add', a, b, 64).id, D.farith('add', b, a, 64).id);
  assert.is.not(D.farith('sub', a, b, 64).id, D.farith('sub', b, a, 64).id);
  // a result read by the next op is its fp term, not a round trip through its bits
  const r = D.farith('add', a, b, 64);
  const q = printQuery([f.eq(D.farith('mul', r, a, 64), a)]).text;
  assert.is((q.match(/fp\.leq/g) ?? []).length, 63, 'one bits conversion (the mul result), not two');
});

for (const w of [32, 64] as FW[]) {
  for (const op of ['add', 'sub', 'mul', 'div', 'rem'] as FArith[]) {
    test(`${op} f${w} agrees with the concrete semantics`, async () => {
      await agree(`${op} f${w}`, [w, w], pairs(w, 4), (D, f, [a, b], [x, y]) => f.eq(D.farith(op, a!, b!, w), f.bv(C.farith(op, x!, y!, w), w)));
    });
  }
  test(`every cmpf predicate on f${w} agrees`, async () => {
    const rows = pairs(w, 3);
    for (let pred = 0; pred < 16; pred++) {
      await agree(`cmpf ${pred} f${w}`, [w, w], rows, (D, f, [a, b], [x, y]) => f.eq(D.fcmp(pred, a!, b!, w), f.bool(C.fcmp(pred, x!, y!, w))));
    }
  });
  test(`fptosi/fptoui f${w} -> i32, i64, i8 agree (value where it fits)`, async () => {
    const rows = specials(w).map((v) => [v]);
    for (let i = 0; i < 4; i++) rows.push([rand(w)]);
    rows.push([numberToBits(-0.75, w)], [numberToBits(255.9, w)], [numberToBits(-128.5, w)], [numberToBits(127.99, w)]);
    for (const to of [8, 32, 64]) {
      for (const signed of [true, false]) {
        await agree(`fptoi f${w} i${to} ${signed}`, [w], rows, (D, f, [a], [x]) => {
          const s = D.fptoi(a!, w, to, signed);
          const c = C.fptoi(x!, w, to, signed);
          return c.fits ? f.and(s.fits, f.eq(s.v, f.bv(c.v, to))) : f.not(s.fits);
        });
      }
    }
  });
  test(`sitofp/uitofp i32, i64, i1 -> f${w} agree`, async () => {
    for (const from of [1, 32, 64]) {
      const rows: bigint[][] = [[0n], [1n], [BigInt.asUintN(from, -1n)], [1n << BigInt(from - 1)], [BigInt.asUintN(from, (1n << 53n) + 1n)], [BigInt.asUintN(from, (1n << 24n) + 3n)]];
      for (let i = 0; i < 4; i++) rows.push([rand(from)]);
      for (const signed of [true, false]) {
        await agree(`itofp i${from} f${w} ${signed}`, [from], rows, (D, f, [a], [x]) => f.eq(D.itofp(a!, from, w, signed), f.bv(C.itofp(x!, from, w, signed), w)));
      }
    }
  });
}

test('extf / truncf agree (rounding, overflow to inf, subnormals, NaN)', async () => {
  const rows64 = specials(64).map((v) => [v]);
  rows64.push([numberToBits(1 + 2 ** -24, 64)], [numberToBits(1 + 2 ** -24 + 2 ** -40, 64)], [numberToBits(3.4028235677973366e38, 64)], [numberToBits(1e-45, 64)], [numberToBits(7e-46, 64)]);
  for (let i = 0; i < 4; i++) rows64.push([rand(64)]);
  await agree('truncf', [64], rows64, (D, f, [a], [x]) => f.eq(D.fresize(a!, 64, 32), f.bv(C.fresize(x!, 64, 32), 32)));
  const rows32 = specials(32).map((v) => [v]);
  for (let i = 0; i < 4; i++) rows32.push([rand(32)]);
  await agree('extf', [32], rows32, (D, f, [a], [x]) => f.eq(D.fresize(a!, 32, 64), f.bv(C.fresize(x!, 32, 64), 64)));
});

test('isNaN / isInf agree', async () => {
  for (const w of [32, 64] as FW[]) {
    const rows = specials(w).map((v) => [v]);
    await agree(`isNaN f${w}`, [w], rows, (D, f, [a], [x]) => f.and(f.eq(D.fisNaN(a!, w), f.bool(C.fisNaN(x!, w))), f.eq(D.fisInf(a!, w), f.bool(C.fisInf(x!, w)))));
  }
});

test('a NaN result is the canonical NaN whatever the NaN operands were', async () => {
  const f = new TermFactory();
  const D = symbolicDomain(f);
  const a = f.var('a', bvSort(32));
  const b = f.var('b', bvSort(32));
  const r = D.farith('add', a, b, 32);
  // is there an input making the result a NaN other than 0x7fc00000? (must be no)
  const q = [D.fisNaN(r, 32), f.not(f.eq(r, f.bv(0x7fc00000n, 32)))];
  for (const { backend } of backends) assert.is((await checkQuery({ assertions: q, wantModel: [] }, { backend })).status, 'unsat', backend.name);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
