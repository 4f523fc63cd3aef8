// How many frames of a recursive function can be active at once. Clef's `decreases`
// measure is >= 0 on entry and below the measure of the innermost active frame of the same
// function, so at most (largest measure + 1) frames of it are active together. The largest
// measure is bounded by interval arithmetic over the parameters' ranges: their types
// (`uint8` is 0..255) narrowed by the function's `Requires` (`n >= 0 && n <= 100`). The
// bound holds when the termination and precondition obligations hold (they are proved
// separately); where no finite bound follows, the depth is unknown, with the reason.
import type { CExpr, CoreFn } from '../../compiler/core/core.ts';

type Bound = bigint | null; // null: unbounded
export type Interval = { lo: Bound; hi: Bound };

const TOP: Interval = { lo: null, hi: null };

function typeRange(fn: CoreFn, name: string): Interval {
  const p = fn.params.find((q) => q.name === name);
  const t = p?.ty;
  if (!t || t.kind !== 'int') return TOP;
  const b = BigInt(t.bits);
  return t.signed ? { lo: -(1n << (b - 1n)), hi: (1n << (b - 1n)) - 1n } : { lo: 0n, hi: (1n << b) - 1n };
}

function min(a: Bound, b: Bound): Bound {
  return a === null ? b : b === null ? a : a < b ? a : b;
}

function max(a: Bound, b: Bound): Bound {
  return a === null ? b : b === null ? a : a > b ? a : b;
}

/** The facts `x <= c`, `x >= c`, ... of a conjunction of comparisons. */
function narrow(e: CExpr, env: Map<string, Interval>): void {
  if (e.kind === 'If' && e.else.kind === 'Const' && e.else.value === false) {
    narrow(e.cond, env);
    narrow(e.then, env);
    return;
  }
  if (e.kind !== 'Prim' || e.args.length !== 2) return;
  let [a, b] = e.args as [CExpr, CExpr];
  let op = e.op;
  const flip: Record<string, string> = { lt: 'gt', le: 'ge', gt: 'lt', ge: 'le', eq: 'eq' };
  if (a.kind === 'Const' && b.kind === 'Var') {
    [a, b] = [b, a];
    op = (flip[op] ?? op) as typeof op;
  }
  if (a.kind !== 'Var' || b.kind !== 'Const' || typeof b.value !== 'bigint') return;
  const c = b.value;
  const cur = env.get(a.name) ?? TOP;
  const next: Interval =
    op === 'le' ? { lo: cur.lo, hi: min(cur.hi, c) }
    : op === 'lt' ? { lo: cur.lo, hi: min(cur.hi, c - 1n) }
    : op === 'ge' ? { lo: max(cur.lo, c), hi: cur.hi }
    : op === 'gt' ? { lo: max(cur.lo, c + 1n), hi: cur.hi }
    : op === 'eq' ? { lo: max(cur.lo, c), hi: min(cur.hi, c) }
    : cur;
  env.set(a.name, next);
}

function add(a: Interval, b: Interval): Interval {
  return { lo: a.lo === null || b.lo === null ? null : a.lo + b.lo, hi: a.hi === null || b.hi === null ? null : a.hi + b.hi };
}

function neg(a: Interval): Interval {
  return { lo: a.hi === null ? null : -a.hi, hi: a.lo === null ? null : -a.lo };
}

function mul(a: Interval, b: Interval): Interval {
  if (a.lo === null || a.hi === null || b.lo === null || b.hi === null) return TOP;
  const ps = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
  return { lo: ps.reduce((x, y) => (x < y ? x : y)), hi: ps.reduce((x, y) => (x > y ? x : y)) };
}

function interval(e: CExpr, env: Map<string, Interval>): Interval {
  switch (e.kind) {
    case 'Const':
      return typeof e.value === 'bigint' ? { lo: e.value, hi: e.value } : TOP;
    case 'Var':
      return env.get(e.name) ?? TOP;
    case 'Prim': {
      const [x, y] = e.args.map((a) => interval(a, env)) as [Interval, Interval | undefined];
      if (e.op === 'add' && y) return add(x, y);
      if (e.op === 'sub' && y) return add(x, neg(y));
      if (e.op === 'neg') return neg(x);
      if (e.op === 'mul' && y) return mul(x, y);
      return TOP;
    }
    case 'Convert':
      return interval(e.arg, env);
    default:
      return TOP;
  }
}

/** Above this many frames of one function the bound is not useful. */
const MAX_DEPTH = 1_000_000n;

/** Active frames of `fn` at once: a number, or the reason there is no bound. */
export function depthBound(fn: CoreFn): { depth: number } | { unknown: string } {
  if (!fn.decreases) return { unknown: `${fn.name} is recursive and has no Contract.decreases` };
  const env = new Map<string, Interval>();
  for (const p of fn.params) env.set(p.name, typeRange(fn, p.name));
  for (const r of fn.requires) narrow(r, env);
  const d = interval(fn.decreases, env);
  if (d.hi === null) return { unknown: `no upper bound on the measure of ${fn.name} (add a Requires bounding it)` };
  const depth = (d.hi < 0n ? 0n : d.hi) + 1n;
  if (depth > MAX_DEPTH) return { unknown: `the measure of ${fn.name} may reach ${d.hi}` };
  return { depth: Number(depth) };
}
