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

/**
 * `roots` with every read of an array that holds a lambda (itself, a branch of an ite of
 * arrays, a store's base or stored value, an element of an array of arrays) rewritten to
 * reads of what it holds: `select(lambda x. b, i)` is b[x := i], a read of an ite is an ite
 * of reads, a read of a store is an ite on the index (read-over-write; a store at another
 * literal index is skipped) — each step exact. Terms that hold no lambda are kept as they
 * are. What remains is a lambda used whole (an array equality), printed as it is.
 */
export function readLambdas(f: TermFactory, roots: Term[]): Term[] {
  const holds = new Map<number, boolean>();
  // which terms hold a lambda, bottom-up without recursion
  const order: Term[] = [];
  {
    const seen = new Set<number>();
    const stack: { t: Term; expanded: boolean }[] = roots.map((t) => ({ t, expanded: false }));
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (seen.has(top.t.id)) {
        stack.pop();
        continue;
      }
      const kids = kidsOf(top.t);
      if (!top.expanded && kids.length) {
        top.expanded = true;
        for (const k of kids) if (!seen.has(k.id)) stack.push({ t: k, expanded: false });
        continue;
      }
      stack.pop();
      seen.add(top.t.id);
      order.push(top.t);
      holds.set(top.t.id, top.t.kind === 'lambda' || kids.some((k) => holds.get(k.id)));
    }
  }
  const memo = new Map<number, Term>();
  const has = (t: Term): boolean => {
    let h = holds.get(t.id);
    if (h === undefined) {
      // a term made here (a beta-reduced body): computed on demand
      h = t.kind === 'lambda' || kidsOf(t).some(has);
      holds.set(t.id, h);
    }
    return h;
  };
  // rewrite a term (its subterms first; the reads of lambda-holding arrays by read())
  const go = (t: Term): Term => {
    const hit = memo.get(t.id);
    if (hit) return hit;
    let r: Term = t;
    if (has(t)) {
      if (t.kind === 'app') {
        if (t.op === 'select' && has(t.args[0]!)) r = read(t.args[0]!, go(t.args[1]!));
        else {
          const args = t.args.map(go);
          r = args.every((a, k) => a === t.args[k]) ? t : f.app(t.op as Parameters<TermFactory['app']>[0], args, t.indices);
        }
      } else if (t.kind === 'quant') {
        const b = go(t.body);
        r = b === t.body ? t : f.quant(t.q, t.vars, b);
      } else if (t.kind === 'lambda') {
        const b = go(t.body);
        r = b === t.body ? t : f.relambda(t, b);
      } else if (t.kind === 'constArray') {
        const v = go(t.value);
        r = v === t.value ? t : f.constArray(index(t), v);
      }
    }
    memo.set(t.id, r);
    return r;
  };
  // select(arr, i) for an array holding a lambda (i rewritten already); by array and index,
  // since the two branches of an ite of memories (paths that merged) share what is below them
  // and every lambda reads the memory before it: unshared, a read walked each path's history
  // once per path
  const reads = new Map<string, Term>();
  const read = (arr: Term, i: Term): Term => {
    const key = `${arr.id},${i.id}`;
    let r = reads.get(key);
    if (r === undefined) reads.set(key, (r = readAt(arr, i)));
    return r;
  };
  const readAt = (arr: Term, i: Term): Term => {
    const cases: [Term, Term][] = [];
    let cur = arr;
    let out: Term | null = null;
    for (;;) {
      if (!has(cur)) {
        out = literalRead(f, cur, i);
        break;
      }
      if (cur.kind === 'lambda') {
        out = cur === arr ? go(f.substitute(cur.body, cur.vars[0]!, i)) : read(cur, i);
        break;
      }
      if (cur.kind === 'constArray') {
        out = go(cur.value);
        break;
      }
      if (cur.kind !== 'app') {
        out = f.select(go(cur), i);
        break;
      }
      if (cur.op === 'store') {
        const [inner, j0, v0] = cur.args as [Term, Term, Term];
        const j = go(j0);
        if (j.id === i.id) {
          out = go(v0);
          break;
        }
        if (!(isLiteral(j) && isLiteral(i))) cases.push([f.eq(i, j), go(v0)]);
        cur = inner;
        continue;
      }
      if (cur.op === 'ite') {
        out = f.ite(go(cur.args[0]!), read(cur.args[1]!, i), read(cur.args[2]!, i));
        break;
      }
      if (cur.op === 'select') {
        // an element of an array of arrays: read the element first, then this read of it
        const elem = go(cur);
        out = elem === cur ? f.select(elem, i) : read(elem, i);
        break;
      }
      out = f.select(go(cur), i);
      break;
    }
    for (let k = cases.length - 1; k >= 0; k--) out = f.ite(cases[k]![0], cases[k]![1], out);
    return out;
  };
  return roots.map(go);
}

/** select(arr, i) past the stores at other literal indices (a store at i itself, or a
 *  constant array, answers it); anything else stays a select. */
function literalRead(f: TermFactory, arr: Term, i: Term): Term {
  let a = arr;
  for (;;) {
    if (a.kind === 'constArray') return a.value;
    if (a.kind !== 'app' || a.op !== 'store') break;
    const [inner, j, v] = a.args as [Term, Term, Term];
    if (j.id === i.id) return v;
    if (!(isLiteral(j) && isLiteral(i))) break;
    a = inner;
  }
  return f.select(a, i);
}

function kidsOf(t: Term): Term[] {
  return t.kind === 'app' ? t.args : t.kind === 'constArray' ? [t.value] : t.kind === 'quant' || t.kind === 'lambda' ? [t.body] : [];
}
