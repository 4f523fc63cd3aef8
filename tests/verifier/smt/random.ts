// Deterministic random literals for the solver-layer tests, biased towards the values where
// bit-vector semantics have edges (0, 1, all ones, the signed minimum and maximum).

/** xorshift64*: a small seeded generator, so a failing case can be reproduced. */
export function rng(seed: number): () => bigint {
  let s = BigInt(seed) | 1n;
  return () => {
    s ^= s >> 12n;
    s ^= (s << 25n) & 0xffffffffffffffffn;
    s ^= s >> 27n;
    return (s * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
  };
}

export function edgyValue(next: () => bigint, width: number): bigint {
  const mask = (1n << BigInt(width)) - 1n;
  const pick = Number(next() % 10n);
  const edges = [0n, 1n, mask, 1n << BigInt(width - 1), (1n << BigInt(width - 1)) - 1n, 2n & mask, BigInt(width) & mask];
  if (pick < 4) return edges[Number(next() % BigInt(edges.length))]!;
  let v = 0n;
  for (let i = 0; i < width; i += 64) v = (v << 64n) | next();
  return v & mask;
}

export function intValue(next: () => bigint): bigint {
  const v = next() % 2001n;
  return v - 1000n;
}
