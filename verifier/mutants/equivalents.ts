// Mutants of `killed` operators that were investigated and found equivalent to their source:
// each entry names where it applies and why no execution can tell the mutant apart. A
// survivor that no entry covers is printed loudly by the harness: it is either an
// equivalent mutant that still needs its reason written here, or a validator weakness.
export type KnownEquivalent = {
  operator: string;
  /** Narrowing filters: each present one must match. */
  program?: string;
  pass?: string;
  fn?: string;
  /** The site key (`fn@ordinal:op`), for one mutant exactly. */
  site?: string;
  reason: string;
};

export const KNOWN_EQUIVALENTS: KnownEquivalent[] = [
  {
    operator: 'arith-add-nuw',
    program: 'luhn',
    pass: 'convert-scf-to-cf',
    site: 'clef.luhnValid@16:arith.subi',
    reason: '`d - 9` sits in the branch of `d > 9` (cmpi ugt): the unsigned subtraction cannot wrap, so nuw adds no poison (proved for any trip count by cut points, 2026-11-26)',
  },
];

export type Where = { operator: string; program: string; pass: string; fn: string; site: string };

export function documentedReason(w: Where, table: readonly KnownEquivalent[] = KNOWN_EQUIVALENTS): string | null {
  for (const e of table) {
    if (e.operator !== w.operator) continue;
    if (e.program !== undefined && e.program !== w.program) continue;
    if (e.pass !== undefined && e.pass !== w.pass) continue;
    if (e.fn !== undefined && e.fn !== w.fn) continue;
    if (e.site !== undefined && e.site !== w.site) continue;
    return e.reason;
  }
  return null;
}
