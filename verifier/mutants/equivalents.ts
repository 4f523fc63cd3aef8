// Mutants of `killed` operators that were investigated and found equivalent to their source:
// each entry names exactly one mutant (program, pass, site, operator) and says why no
// execution can tell it apart. A survivor that no entry covers is printed loudly by the
// harness: it is either an equivalent mutant that still needs its reason written here, or a
// validator weakness.
//
// A reason is checked against its mutant, so it cannot drift onto another one: `changed`
// must occur in a line the mutant added (its diff's `+` lines), and the reason must name a
// value of that line (`%x`). An entry whose check fails documents nothing (the mutant is
// loud again); tests/verifier/mutants/equivalents.test.ts regenerates every entry's mutant
// from the real pipeline and has the validator prove it.
export type KnownEquivalent = {
  operator: string;
  program: string;
  /** The pass whose output was mutated; several when the same op keeps its place (site key)
   *  through passes that do not touch it (each pass's mutant is checked on its own). */
  pass: string | readonly string[];
  /** The site key (`fn@ordinal:op`): one mutant exactly. */
  site: string;
  /** A piece of the mutated line, as the mutant's diff prints it. */
  changed: string;
  /** What the validator confirms at unroll 8: `proved` (every execution), or only `bounded`
   *  (the reason needs a loop invariant that the cut-point relation, equality, cannot state):
   *  such a mutant is reported `equivalent-bounded`, not `equivalent`. */
  proof: 'proved' | 'bounded';
  /** The unroll depth the test validates a `bounded` entry at (a `proved` one runs at 2), when 8 is costly: luhn's main since the
   *  target side tracks bytes nobody wrote (its bounded query at depth 8 is undecided after
   *  60 s, at depth 2 decided in a few seconds; at 4 half of them time out at 20 s). A proof
   *  of every execution comes after that query, so a smaller depth only makes it cheaper. */
  unroll?: number;
  reason: string;
};

export const KNOWN_EQUIVALENTS: KnownEquivalent[] = [
  {
    operator: 'arith-add-nuw',
    program: 'luhn',
    pass: ['convert-scf-to-cf', 'convert-cf-to-llvm'],
    site: 'clef.luhnValid@16:arith.subi',
    changed: 'overflow<nuw>',
    proof: 'proved',
    reason: '`%10 = %8 - 9` sits in the branch of `%8 > 9` (cmpi ugt): the unsigned subtraction cannot wrap, so nuw adds no poison (proved for any trip count by cut points, 2026-11-26)',
  },
  {
    operator: 'arith-add-nsw',
    program: 'checksums',
    pass: 'convert-scf-to-cf',
    site: 'clef.fletcher16@28:arith.addi',
    changed: 'overflow<nsw>',
    proof: 'proved',
    reason: '`%19 = %10 + 1` is the loop counter\'s step, taken only when `%10 != %1` where the loop keeps `0 <= %10 <= %1 = dim - 1` and dim < 2^63: %10 + 1 <= %1 cannot overflow, so nsw adds no poison',
  },
  {
    operator: 'arith-add-nsw',
    program: 'checksums',
    pass: 'convert-scf-to-cf',
    site: 'clef.show@55:arith.addi',
    changed: 'overflow<nsw>',
    proof: 'bounded',
    reason: '`%27 = %dim_3 + %23` (a buffer length plus a counter, both >= 0) is used only as the index of the next memref.store into %alloc_5: when it overflows, the index is >= 2^63 and the source\'s store is out of bounds (UB) already, so the poison nsw adds is never observed (bounded only: the cut-point proof of show\'s four loops does not go through)',
  },
  {
    operator: 'arith-add-nsw',
    program: 'checksums',
    pass: 'convert-scf-to-cf',
    site: 'clef.main@112:arith.addi',
    changed: 'overflow<nsw>',
    proof: 'proved',
    reason: '`%58 = %dim_20 + %54` (a buffer length plus a counter, both >= 0) is used only as the index of the next memref.store into %alloc_22: when it overflows, the source\'s store is out of bounds (UB) already, so the poison nsw adds is never observed',
  },
  {
    operator: 'arith-add-nuw',
    program: 'checksums',
    pass: 'convert-scf-to-cf',
    site: 'clef.adler32@28:arith.shli',
    changed: 'overflow<nuw>',
    proof: 'proved',
    reason: '`%18 = %1 << 16`: %1 is adler32\'s `b`, 0 on entry and `(..) remui 65521` after every iteration, so %1 < 65521 < 2^16 and the shift never drops a set bit: nuw adds no poison (proved with the loop invariant %1 <=u 65520 that verifier/tv/invariants.ts finds, 2026-11-26)',
  },
  {
    operator: 'arith-add-nuw',
    program: 'checksums',
    pass: 'convert-scf-to-cf',
    site: 'clef.fletcher16@41:arith.shli',
    changed: 'overflow<nuw>',
    proof: 'proved',
    reason: '`%27 = %23 << 8` (i16): %23 is fletcher16\'s `sum2`, 0 or `(..) remui 255` from the loop, so %23 < 255 < 2^8 and the shift never drops a set bit: nuw adds no poison (proved with the loop invariant %23 <=u 254 that verifier/tv/invariants.ts finds, 2026-11-26)',
  },
  {
    operator: 'arith-swap-overflow-flag',
    program: 'checksums',
    pass: 'convert-scf-to-cf',
    site: 'clef.fletcher16@28:arith.addi',
    changed: 'overflow<nuw>',
    proof: 'proved',
    reason: '`%19 = %10 + 1` (nsw -> nuw, flagged variant): the loop counter is in [0, %1] with %1 = dim - 1 < 2^63 - 1 and this branch has %10 != %1, so %10 + 1 wraps neither signed nor unsigned: either flag adds no poison',
  },
  {
    operator: 'arith-swap-overflow-flag',
    program: 'luhn',
    pass: ['convert-scf-to-cf', 'convert-cf-to-llvm'],
    site: 'clef.luhnValid@16:arith.subi',
    changed: 'overflow<nuw>',
    proof: 'proved',
    reason: '`%10 = %8 - 9` (nsw -> nuw, flagged variant) sits in the branch of `%8 > 9` (cmpi ugt): the unsigned subtraction cannot wrap, so nuw adds no poison',
  },
  {
    operator: 'llvm-add-nuw',
    program: 'luhn',
    pass: 'convert-arith-to-llvm',
    site: 'clef.luhnValid@17:llvm.sub',
    changed: 'overflow<nuw>',
    proof: 'proved',
    reason: '`%18 = %15 - %16` is luhnValid\'s `d - 9` (%16 the constant 9) in the branch of `%15 > %16` (icmp ugt): the unsigned subtraction cannot wrap, so nuw adds no poison',
  },
  {
    operator: 'llvm-swap-overflow-flag',
    program: 'luhn',
    pass: 'convert-arith-to-llvm',
    site: 'clef.luhnValid@17:llvm.sub',
    changed: 'overflow<nuw>',
    proof: 'proved',
    reason: '`%18 = %15 - %16` (nsw -> nuw, flagged variant) is `d - 9` in the branch of `%15 > %16` (icmp ugt): the unsigned subtraction cannot wrap, so nuw adds no poison',
  },
  {
    operator: 'arith-cmp-strictness',
    program: 'luhn',
    pass: ['convert-scf-to-cf', 'convert-cf-to-llvm'],
    site: 'clef.main@11:arith.cmpi',
    changed: '%3 = arith.cmpi s',
    proof: 'bounded',
    reason: '`%3` compares %2 = dim(static.numbers) - 1 = 7 - 1 = 6 with 0 (the for loop\'s `0 .. numbers.Length - 1` entry test): `6 >= 0` and `6 > 0` are both true (ranges.ts does not read a static memref.dim; proved after convert-cf-to-llvm, bounded(16) after convert-scf-to-cf on a loaded machine)',
  },
  {
    operator: 'arith-add-nsw',
    program: 'luhn',
    pass: 'convert-cf-to-llvm',
    site: 'clef.main@180:arith.addi',
    changed: 'overflow<nsw>',
    proof: 'proved',
    unroll: 2,
    reason: '`%87 = %77 + %84` is used only as the index of the next store (after a load from the same loop) into a heap buffer: when it overflows signed (a buffer length plus a counter, both >= 0), the source\'s index is >= 2^63 and its store is out of bounds (UB) already, so the poison nsw adds is never observed (proved for any trip count with loop invariants read off the accesses, verifier/tv/invariant-accesses.ts: the copy loop before keeps its counter <=u 32, the 32-byte format buffer, which bounds the length, and the sum does not wrap unsigned, 2026-11-26)',
  },
  {
    operator: 'arith-add-nuw',
    program: 'luhn',
    pass: 'convert-cf-to-llvm',
    site: 'clef.main@180:arith.addi',
    changed: 'overflow<nuw>',
    proof: 'proved',
    unroll: 2,
    reason: '`%87 = %77 + %84` is a buffer length plus a loop counter, both in [0, 2^63): their sum is below 2^64 and never wraps unsigned, so nuw adds no poison (proved for any trip count with loop invariants read off the accesses, verifier/tv/invariant-accesses.ts: the copy loop before keeps its counter <=u 32, the 32-byte format buffer, which bounds the length, and the sum does not wrap unsigned, 2026-11-26)',
  },
  {
    operator: 'arith-swap-overflow-flag',
    program: 'luhn',
    pass: 'convert-cf-to-llvm',
    site: 'clef.main@180:arith.addi',
    changed: 'overflow<nuw>',
    proof: 'proved',
    unroll: 2,
    reason: '`%87 = %77 + %84` (nsw -> nuw, flagged variant) is a buffer length plus a loop counter, both in [0, 2^63): their sum is below 2^64 and never wraps unsigned, so nuw adds no poison (proved for any trip count with loop invariants read off the accesses, verifier/tv/invariant-accesses.ts: the copy loop before keeps its counter <=u 32, the 32-byte format buffer, which bounds the length, and the sum does not wrap unsigned, 2026-11-26)',
  },
  {
    operator: 'llvm-add-nsw',
    program: 'luhn',
    pass: 'finalize-memref-to-llvm',
    site: 'clef.main@537:llvm.add',
    changed: 'overflow<nsw>',
    proof: 'proved',
    unroll: 2,
    reason: '`%484 = %421 + %479` is used only as the index of the next store (after a load from the same loop) into a heap buffer: when it overflows signed (a buffer length plus a counter, both >= 0), the source\'s index is >= 2^63 and its store is out of bounds (UB) already, so the poison nsw adds is never observed (proved for any trip count with loop invariants read off the accesses, verifier/tv/invariant-accesses.ts: the copy loop before keeps its counter <=u 32, the 32-byte format buffer, which bounds the length, and the sum does not wrap unsigned, 2026-11-26)',
  },
  {
    operator: 'llvm-add-nuw',
    program: 'luhn',
    pass: 'finalize-memref-to-llvm',
    site: 'clef.main@537:llvm.add',
    changed: 'overflow<nuw>',
    proof: 'proved',
    unroll: 2,
    reason: '`%484 = %421 + %479` is a buffer length plus a loop counter, both in [0, 2^63): their sum is below 2^64 and never wraps unsigned, so nuw adds no poison (proved for any trip count with loop invariants read off the accesses, verifier/tv/invariant-accesses.ts: the copy loop before keeps its counter <=u 32, the 32-byte format buffer, which bounds the length, and the sum does not wrap unsigned, 2026-11-26)',
  },
  {
    operator: 'llvm-swap-overflow-flag',
    program: 'luhn',
    pass: 'finalize-memref-to-llvm',
    site: 'clef.main@537:llvm.add',
    changed: 'overflow<nuw>',
    proof: 'proved',
    unroll: 2,
    reason: '`%484 = %421 + %479` (nsw -> nuw, flagged variant) is a buffer length plus a loop counter, both in [0, 2^63): their sum is below 2^64 and never wraps unsigned, so nuw adds no poison (proved for any trip count with loop invariants read off the accesses, verifier/tv/invariant-accesses.ts: the copy loop before keeps its counter <=u 32, the 32-byte format buffer, which bounds the length, and the sum does not wrap unsigned, 2026-11-26)',
  },
  {
    operator: 'llvm-add-nsw',
    program: 'luhn',
    pass: 'reconcile-unrealized-casts',
    site: 'clef.main@523:llvm.add',
    changed: 'overflow<nsw>',
    proof: 'proved',
    unroll: 2,
    reason: '`%470 = %415 + %465` is used only as the index of the next store (after a load from the same loop) into a heap buffer: when it overflows signed (a buffer length plus a counter, both >= 0), the source\'s index is >= 2^63 and its store is out of bounds (UB) already, so the poison nsw adds is never observed (proved for any trip count with loop invariants read off the accesses, verifier/tv/invariant-accesses.ts: the copy loop before keeps its counter <=u 32, the 32-byte format buffer, which bounds the length, and the sum does not wrap unsigned, 2026-11-26)',
  },
  {
    operator: 'llvm-add-nuw',
    program: 'luhn',
    pass: 'reconcile-unrealized-casts',
    site: 'clef.main@523:llvm.add',
    changed: 'overflow<nuw>',
    proof: 'proved',
    unroll: 2,
    reason: '`%470 = %415 + %465` is a buffer length plus a loop counter, both in [0, 2^63): their sum is below 2^64 and never wraps unsigned, so nuw adds no poison (proved for any trip count with loop invariants read off the accesses, verifier/tv/invariant-accesses.ts: the copy loop before keeps its counter <=u 32, the 32-byte format buffer, which bounds the length, and the sum does not wrap unsigned, 2026-11-26)',
  },
  {
    operator: 'llvm-swap-overflow-flag',
    program: 'luhn',
    pass: 'reconcile-unrealized-casts',
    site: 'clef.main@523:llvm.add',
    changed: 'overflow<nuw>',
    proof: 'proved',
    unroll: 2,
    reason: '`%470 = %415 + %465` (nsw -> nuw, flagged variant) is a buffer length plus a loop counter, both in [0, 2^63): their sum is below 2^64 and never wraps unsigned, so nuw adds no poison (proved for any trip count with loop invariants read off the accesses, verifier/tv/invariant-accesses.ts: the copy loop before keeps its counter <=u 32, the 32-byte format buffer, which bounds the length, and the sum does not wrap unsigned, 2026-11-26)',
  },
  {
    operator: 'arith-add-nsw',
    program: 'luhn',
    pass: ['convert-scf-to-cf', 'convert-cf-to-llvm'],
    site: 'clef.luhnValid@25:arith.addi',
    changed: 'overflow<nsw>',
    proof: 'proved',
    reason: '`%13 = %4 + %12` is luhnValid\'s `sum + d`: d <= 9 and the loop runs at most 20 times (n, any uint64, loses a digit per iteration), so sum <= 180 and the addition never overflows signed: nsw adds no poison (proved with the invariant `sum <=u 200` that verifier/tv/invariant-relations.ts finds from n being divided by 10 every iteration, 2026-11-26)',
  },
  {
    operator: 'arith-rem-signedness',
    program: 'luhn',
    pass: 'convert-cf-to-llvm',
    site: 'clef.luhnValid@32:arith.remui',
    changed: 'arith.remsi',
    proof: 'proved',
    reason: '`%16 = %0 remsi 10` is luhnValid\'s final `sum % 10`: the digit sum is at most 9 * 20 = 180 (n, any uint64, loses a digit per iteration), far below 2^63, where remsi and remui agree (proved with the invariant `sum <=u 200` that verifier/tv/invariant-relations.ts finds from n being divided by 10 every iteration, 2026-11-26)',
  },
  {
    operator: 'llvm-add-nsw',
    program: 'luhn',
    pass: 'convert-arith-to-llvm',
    site: 'clef.luhnValid@26:llvm.add',
    changed: 'overflow<nsw>',
    proof: 'proved',
    reason: '`%21 = %9 + %20` is luhnValid\'s `sum + d`: d <= 9 and the loop runs at most 20 times (n, any uint64, loses a digit per iteration), so sum <= 180 and the addition never overflows signed: nsw adds no poison (proved with the invariant `sum <=u 200` that verifier/tv/invariant-relations.ts finds from n being divided by 10 every iteration, 2026-11-26)',
  },
  {
    operator: 'llvm-rem-signedness',
    program: 'luhn',
    pass: 'finalize-memref-to-llvm',
    site: 'clef.luhnValid@47:llvm.urem',
    changed: 'llvm.srem',
    proof: 'proved',
    reason: '`%38 = %19 srem 10` is luhnValid\'s final `sum % 10`: the digit sum is at most 9 * 20 = 180 (n, any uint64, loses a digit per iteration), far below 2^63, where srem and urem agree (proved with the invariant `sum <=u 200` that verifier/tv/invariant-relations.ts finds from n being divided by 10 every iteration, 2026-11-26)',
  },
  {
    operator: 'llvm-rem-signedness',
    program: 'luhn',
    pass: 'reconcile-unrealized-casts',
    site: 'clef.luhnValid@46:llvm.urem',
    changed: 'llvm.srem',
    proof: 'proved',
    reason: '`%37 = %18 srem 10` is luhnValid\'s final `sum % 10`: the digit sum is at most 9 * 20 = 180 (n, any uint64, loses a digit per iteration), far below 2^63, where srem and urem agree (proved with the invariant `sum <=u 200` that verifier/tv/invariant-relations.ts finds from n being divided by 10 every iteration, 2026-11-26)',
  },
];

export type Where = { operator: string; program: string; pass: string; fn: string; site: string };

export const passesOf = (e: KnownEquivalent): readonly string[] => (typeof e.pass === 'string' ? [e.pass] : e.pass);

/** The `+` lines of a mutant's diff (explain.ts), without the marker. */
export function addedLines(diff: string): string[] {
  return diff.split('\n').filter((l) => l.startsWith('+ ')).map((l) => l.slice(2));
}

/** SSA names (`%x`, `%x#1` counts as `%x`) on a line. */
export function valueNames(line: string): string[] {
  return [...line.matchAll(/%[A-Za-z0-9_$.-]+/g)].map((m) => m[0]);
}

/** Why an entry does not describe the mutant whose diff is `diff`; null when it does. */
export function entryMismatch(e: KnownEquivalent, diff: string): string | null {
  const added = addedLines(diff).filter((l) => l.includes(e.changed));
  if (added.length === 0) return `the mutant adds no line containing \`${e.changed}\``;
  const names = new Set(added.flatMap(valueNames));
  const mentioned = valueNames(e.reason).filter((n) => names.has(n));
  if (mentioned.length === 0) return `the reason names none of the mutated line's values (${[...names].join(', ') || 'none'})`;
  return null;
}

/**
 * The documented reason for the mutant at `w`, checked against its diff: an entry for this
 * mutant whose check fails gives `mismatch` instead (a stale or misplaced reason).
 */
export function documentedReason(
  w: Where, diff: string, table: readonly KnownEquivalent[] = KNOWN_EQUIVALENTS,
): { reason: string } | { mismatch: string } | null {
  for (const e of table) {
    if (e.operator !== w.operator || e.program !== w.program || !passesOf(e).includes(w.pass) || e.site !== w.site) continue;
    const bad = entryMismatch(e, diff);
    return bad === null ? { reason: e.reason } : { mismatch: bad };
  }
  return null;
}
