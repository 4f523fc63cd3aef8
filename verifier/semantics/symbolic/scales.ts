// The scales of a program: the integer constants its contracts and comparisons mention
// (`x <= 1000000`, `n < 64`), which the Int representation uses to bound a product of two
// unknowns linearly (domain.ts approxMul: |a| <= t implies |a * b| <= t * |b|). Any set is
// sound — each bound it adds is a true fact — so this only chooses which ones help: the
// bounds a program states on its factors are the ones its products need.
import type { CExpr, CoreProgram } from '../../../compiler/core/core.ts';
import { childrenOf } from '../../../compiler/core/walk.ts';

/** At most this many scales (each adds two implications per product). */
const MAX_SCALES = 24;
/** Always present: byte, 16- and 32-bit magnitudes. */
const DEFAULTS = [255n, 65535n, (1n << 31n) - 1n, (1n << 32n) - 1n];
const COMPARE = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);

export function programScales(prog: CoreProgram): bigint[] {
  const found = new Set<bigint>();
  const add = (e: CExpr) => {
    if (e.kind === 'Const' && typeof e.value === 'bigint') {
      const v = e.value < 0n ? -e.value : e.value;
      if (v >= 2n && v < 1n << 62n) found.add(v);
    }
  };
  /** Constants anywhere in a contract; in code, operands of comparisons. */
  const walk = (e: CExpr, contract: boolean): void => {
    if (contract) add(e);
    if (e.kind === 'Prim' && COMPARE.has(e.op)) for (const a of e.args) add(a);
    if (e.kind === 'While') {
      for (const i of e.invariants) walk(i, true);
      if (e.decreases) walk(e.decreases, true);
      walk(e.cond, contract);
      walk(e.body, contract);
      return;
    }
    const inContract = contract || e.kind === 'Assert' || e.kind === 'Assume';
    for (const c of childrenOf(e)) walk(c, inContract);
  };
  for (const f of prog.functions) {
    for (const c of [...f.requires, ...f.ensures, ...(f.decreases ? [f.decreases] : [])]) walk(c, true);
    walk(f.body, false);
  }
  const own = [...found].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  // keep a spread of magnitudes when there are many: every k-th, and the largest
  const step = Math.ceil(own.length / (MAX_SCALES - DEFAULTS.length));
  const kept = own.filter((_, i) => i % step === 0 || i === own.length - 1);
  return [...new Set([...DEFAULTS, ...kept])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}
