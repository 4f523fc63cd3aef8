// Reads through store chains. A memory is an array built by a chain of stores; a read at a
// symbolic address over a long chain is slow for z3's array theory (1000 stores: seconds),
// while the same read as an ite chain over the stored addresses is instant. These rewrites
// are exact (read-over-write is an axiom), so callers may apply them to any query.
import type { TermFactory } from './factory.ts';
import type { Term } from './term.ts';

const isLiteral = (t: Term) => t.kind === 'bv' || t.kind === 'int' || t.kind === 'bool';

/**
 * `select(arr, idx)`, looking through the stores of `arr`: a store to the same index (the
 * same literal or the same term) answers the read; a store to a different literal index is
 * skipped; any other store becomes `ite(idx = i, v, ...)`. Reads of a constant array give its
 * value. At most `maxChain` stores are looked through; the rest stays a `select`.
 */
export function selectThrough(f: TermFactory, arr: Term, idx: Term, maxChain = 100_000): Term {
  const cases: [Term, Term][] = [];
  let cur = arr;
  let base: Term | null = null;
  for (let steps = 0; steps < maxChain; steps++) {
    if (cur.kind === 'constArray') {
      base = cur.value;
      break;
    }
    if (cur.kind !== 'app' || cur.op !== 'store') break;
    const [inner, i, v] = cur.args as [Term, Term, Term];
    if (i.id === idx.id) {
      base = v;
      break;
    }
    if (!(isLiteral(i) && isLiteral(idx))) cases.push([f.eq(idx, i), v]);
    cur = inner;
  }
  let out = base ?? f.select(cur, idx);
  for (let k = cases.length - 1; k >= 0; k--) out = f.ite(cases[k]![0], cases[k]![1], out);
  return out;
}

/** Rewrites every `select` in the terms with selectThrough (memoised over the DAG). */
export function expandReads(f: TermFactory, roots: Term[], maxChain?: number): Term[] {
  const memo = new Map<number, Term>();
  const stack: { t: Term; expanded: boolean }[] = roots.map((t) => ({ t, expanded: false })).reverse();
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const t = top.t;
    if (memo.has(t.id)) {
      stack.pop();
      continue;
    }
    const kids = t.kind === 'app' ? t.args : t.kind === 'constArray' ? [t.value] : t.kind === 'quant' || t.kind === 'lambda' ? [t.body] : [];
    if (!top.expanded && kids.length) {
      top.expanded = true;
      for (let i = kids.length - 1; i >= 0; i--) if (!memo.has(kids[i]!.id)) stack.push({ t: kids[i]!, expanded: false });
      continue;
    }
    stack.pop();
    memo.set(t.id, rebuild(f, t, memo, maxChain));
  }
  return roots.map((r) => memo.get(r.id)!);
}

function rebuild(f: TermFactory, t: Term, memo: Map<number, Term>, maxChain?: number): Term {
  switch (t.kind) {
    case 'var':
    case 'bv':
    case 'int':
    case 'bool':
      return t;
    case 'constArray': {
      const v = memo.get(t.value.id)!;
      return v === t.value ? t : f.constArray(index(t), v);
    }
    case 'quant': {
      const b = memo.get(t.body.id)!;
      return b === t.body ? t : f.quant(t.q, t.vars, b);
    }
    case 'lambda': {
      const b = memo.get(t.body.id)!;
      return b === t.body ? t : f.relambda(t, b);
    }
    case 'app': {
      const args = t.args.map((a) => memo.get(a.id)!);
      if (t.op === 'select') return selectThrough(f, args[0]!, args[1]!, maxChain);
      if (args.every((a, i) => a === t.args[i])) return t;
      return f.app(t.op as Parameters<TermFactory['app']>[0], args, t.indices);
    }
  }
}

function index(t: Term): Extract<Term['sort'], { kind: 'array' }>['index'] {
  if (t.sort.kind !== 'array') throw new Error('smt: constArray of a non-array sort');
  return t.sort.index;
}
