// Bounded loops: `while` over a counter the body never assigns, and `for` loops of every
// integer type (to, downto, in a .. b), including ranges that end at MaxValue / MinValue
// (the counter must not wrap around) and empty ranges.
import { anyName, I64, literal, maxOf, minOf, type IntTy } from './int-types.ts';
import { between, chance, pick } from './prng.ts';
import { gInt } from './gen-types.ts';
import { addVar, emit, fresh, nested, type Gen } from './gen-state.ts';
import { genCond, genInt, randomIntType } from './expr.ts';
import { genStmts } from './stmt.ts';

/** The loop body: one level deeper, its cost multiplied by the trip count. */
export function loopBody(g: Gen, trips: number, body: () => void): void {
  const mult = g.mult;
  g.mult *= Math.max(trips, 1);
  g.loopDepth++;
  try {
    nested(g, body);
  } finally {
    g.loopDepth--;
    g.mult = mult;
  }
}

export function genWhile(g: Gen): void {
  const t = randomIntType(g.rng);
  const trips = between(g.rng, 0, 6);
  const lit = (v: bigint): string => literal(g.rng, t, v);
  const w = fresh(g, 'w');
  const down = chance(g.rng, 0.3);
  // a start from which `trips` steps stay inside the type's range
  const start = down
    ? pick(g.rng, [minOf(t) + BigInt(trips), BigInt(trips), maxOf(t)])
    : pick(g.rng, [minOf(t), 0n, maxOf(t) - BigInt(trips)]);
  const end = down ? start - BigInt(trips) : start + BigInt(trips);
  emit(g, `let mutable ${w} = ${lit(start)}`);
  addVar(g, w, gInt(t), true, false);
  const test = down ? `${w} > ${lit(end)}` : `${w} < ${lit(end)}`;
  const cond = chance(g.rng, 0.4) ? `(${test}) && ${genCond(g, 1)}` : test;
  emit(g, `while ${cond} do`);
  loopBody(g, trips, () => {
    genStmts(g, between(g.rng, 1, 3));
    emit(g, `${w} <- ${w} ${down ? '-' : '+'} ${lit(1n)}`);
  });
}

type Bounds = { from: string; to: string; trips: number };

function forBounds(g: Gen, t: IntTy, down: boolean): Bounds {
  const lit = (v: bigint): string => literal(g.rng, t, v);
  const k = between(g.rng, 0, 2);
  if (k === 0) {
    // up to MaxValue / down to MinValue
    const n = between(g.rng, 0, 4);
    const edge = down ? minOf(t) : maxOf(t);
    const from = down ? edge + BigInt(n) : edge - BigInt(n);
    const to = chance(g.rng, 0.3) ? `${pick(g.rng, t.modules)}.${down ? 'MinValue' : 'MaxValue'}` : lit(edge);
    return { from: lit(from), to, trips: n + 1 };
  }
  if (k === 1) {
    // a computed start in 0 .. 7 (up) or end in 0 .. 3 (down)
    const e = `(${genInt(g, t, 1)} &&& ${lit(down ? 3n : 7n)})`;
    const lo = t.signed ? -2 : 0;
    return down ? { from: lit(BigInt(between(g.rng, lo, 9))), to: e, trips: 10 } : { from: e, to: lit(BigInt(between(g.rng, lo, 9))), trips: 10 };
  }
  // two literals, the range possibly empty
  const span = between(g.rng, -2, 7);
  const lo = minOf(t) + 2n;
  const hi = maxOf(t) - 9n;
  const end = (s: bigint): bigint => (down ? s - BigInt(span) : s + BigInt(span));
  const inRange = (v: bigint): boolean => v >= minOf(t) && v <= maxOf(t);
  const starts = [0n, lo, hi, BigInt(between(g.rng, 0, 100))].filter((s) => inRange(s) && inRange(end(s)));
  const s = pick(g.rng, starts.length ? starts : [10n]);
  const e = end(s);
  return { from: lit(s), to: lit(e), trips: Math.max(span + 1, 0) };
}

export function genFor(g: Gen): void {
  const t = randomIntType(g.rng);
  const down = chance(g.rng, 0.35);
  const b = forBounds(g, t, down);
  const i = fresh(g, 'i');
  const head = down
    ? `for ${i} = ${b.from} downto ${b.to} do`
    : chance(g.rng, 0.5)
      ? `for ${i} in ${b.from} .. ${b.to} do`
      : `for ${i} = ${b.from} to ${b.to} do`;
  emit(g, head);
  loopBody(g, b.trips, () => {
    addVar(g, i, gInt(t));
    if (chance(g.rng, 0.6)) emit(g, `${g.acc} <- (${g.acc} * 17) + (${anyName(g.rng, I64)} ${i})`);
    genStmts(g, between(g.rng, 1, 3));
  });
}
