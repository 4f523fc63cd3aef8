// A small deterministic PRNG of our own (sfc32, seeded through splitmix32), so a seed
// names the same generated program on every machine and Node version.

/** The generator's state: four 32-bit words, advanced in place. */
export type Rng = { kind: 'Rng'; s: Uint32Array };

function splitmix32(x: number): () => number {
  let state = x >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function makeRng(seed: number): Rng {
  const sm = splitmix32(seed);
  const r: Rng = { kind: 'Rng', s: new Uint32Array([sm(), sm(), sm(), sm()]) };
  for (let i = 0; i < 12; i++) nextU32(r); // the first outputs of sfc32 are weakly mixed
  return r;
}

/** The next 32 random bits, as a non-negative number. */
export function nextU32(r: Rng): number {
  const s = r.s;
  const t = (((s[0]! + s[1]!) >>> 0) + s[3]!) >>> 0;
  s[3] = (s[3]! + 1) >>> 0;
  s[0] = s[1]! ^ (s[1]! >>> 9);
  s[1] = (s[2]! + (s[2]! << 3)) >>> 0;
  s[2] = ((s[2]! << 21) | (s[2]! >>> 11)) >>> 0;
  s[2] = (s[2]! + t) >>> 0;
  return t;
}

/** Uniform in 0 .. n-1 (n >= 1; the tiny modulo bias is irrelevant here). */
export function below(r: Rng, n: number): number {
  return n <= 1 ? 0 : nextU32(r) % n;
}

/** Uniform in lo .. hi inclusive. */
export function between(r: Rng, lo: number, hi: number): number {
  return lo + below(r, hi - lo + 1);
}

export function chance(r: Rng, p: number): boolean {
  return nextU32(r) / 0x1_0000_0000 < p;
}

export function pick<T>(r: Rng, xs: readonly T[]): T {
  if (xs.length === 0) throw new Error('pick from an empty list');
  return xs[below(r, xs.length)]!;
}

/** One of `items`, each with its weight (weights <= 0 are never chosen). */
export function weighted<T>(r: Rng, items: readonly (readonly [number, T])[]): T {
  const live = items.filter(([w]) => w > 0);
  const total = live.reduce((s, [w]) => s + w, 0);
  if (live.length === 0) throw new Error('weighted choice with no positive weight');
  let x = (nextU32(r) / 0x1_0000_0000) * total;
  for (const [w, v] of live) {
    if (x < w) return v;
    x -= w;
  }
  return live[live.length - 1]![1];
}

/** `bits` uniformly random bits as a non-negative bigint. */
export function randomBits(r: Rng, bits: number): bigint {
  let v = 0n;
  for (let done = 0; done < bits; done += 32) v = (v << 32n) | BigInt(nextU32(r));
  return v & ((1n << BigInt(bits)) - 1n);
}
