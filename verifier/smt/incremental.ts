// Queries that share their assumptions, printed for one z3 context asked incrementally.
// A check asks many queries of the form [...base, part]: the cut-point proof one per arrival
// and back edge (verifier/tv/core/cut-validate.ts), the bounded check one per kind of mismatch
// (split.ts). Asked apart, each query makes z3 parse, simplify and bit-blast the whole base
// again; asked in one context — the base asserted once, each part inside `(push 1)` ...
// `(pop 1)` — the base is internalized once and what z3 learned from it is kept (measured on
// the dumped queries of typical Core -> MLIR checks, z3-wasm CPU time: crc32 `crcBitwise` 23
// parts 217-368 ms apart, 71-167 ms incrementally; ip_checksum `checksum` 951-1221 ms against
// 254-281 ms; bitmap_alloc `usedCount` 301-532 ms against 37-94 ms; verifier/tv/core/README.md
// "The typical check"). z3wasm.ts uses this only for an `unsat` answer: anything else is asked
// again as a stand-alone query, so what a query answers never depends on this printer.
//
// The printer is its own (smtlib.ts prints whole stand-alone queries): the base's terms get
// names at the context's top level, each part's new terms names inside its push scope, and a
// name is never given twice. Quantifiers are not printed (their let-scoping is smtlib.ts's):
// a query with one is asked the usual way.
import { AsyncLocalStorage } from 'node:async_hooks';
import { sortKey, type Term } from './term.ts';
import { children, literal, symbol, withoutLambdaReads } from './smtlib.ts';

/** How deep an inline term may nest before it is given a name (as smtlib.ts). */
const MAX_INLINE_HEIGHT = 64;

/** Every generated name starts with this (a constant named so is not printed here). */
const GENERATED = 'inc!';

/** The names a context knows: declared constants and defined terms, by term object (terms of
 *  two factories may share ids, never objects). */
export type Names = { known: Map<Term, string>; prefix: string; counter: number };

/** A new context's names; generated names are `prefix` + digits. */
export function newNames(prefix: 'd' | 'p'): Names {
  return { known: new Map(), prefix: `${GENERATED}${prefix}`, counter: 0 };
}

/**
 * The commands that declare, define and assert `roots` in a context that knows `outer` (and,
 * for a part, `inner`: the base's names), adding the new names to `outer`. Null when the roots
 * hold a quantifier, or a constant whose name starts like a generated one (then the query is
 * asked the usual way). Base and parts use different prefixes ('d', 'p'), and a part's
 * counter is never reset, so no name is given twice even if a scope were not popped.
 */
export function printAssertions(roots0: Term[], outer: Names, inner?: Names): string[] | null {
  // the reads of lambdas rewritten as printQuery does (the same terms for the same input)
  const roots = withoutLambdaReads(roots0);
  const nameOf = (t: Term) => outer.known.get(t) ?? inner?.known.get(t);
  // every term not yet named, children before parents
  const order: Term[] = [];
  const seen = new Set<Term>();
  const stack: { t: Term; expanded: boolean }[] = roots.map((t) => ({ t, expanded: false })).reverse();
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (seen.has(top.t) || nameOf(top.t) !== undefined) {
      stack.pop();
      continue;
    }
    if (!top.expanded) {
      top.expanded = true;
      const cs = children(top.t);
      for (let i = cs.length - 1; i >= 0; i--) if (!seen.has(cs[i]!) && nameOf(cs[i]!) === undefined) stack.push({ t: cs[i]!, expanded: false });
      continue;
    }
    stack.pop();
    seen.add(top.t);
    order.push(top.t);
  }
  const refs = new Map<Term, number>();
  for (const r of roots) refs.set(r, (refs.get(r) ?? 0) + 1);
  for (const t of order) for (const c of children(t)) refs.set(c, (refs.get(c) ?? 0) + 1);
  const lines: string[] = [];
  const local = new Map<Term, string>();
  const height = new Map<Term, number>();
  const inline = (t: Term): string => {
    const n = local.get(t) ?? nameOf(t);
    if (n !== undefined) return n;
    switch (t.kind) {
      case 'var':
        throw new Error('incremental: an undeclared constant');
      case 'bv':
      case 'int':
      case 'bool':
        return literal(t);
      case 'app': {
        const head = t.indices.length ? `(_ ${t.op} ${t.indices.join(' ')})` : t.op;
        return t.args.length ? `(${head} ${t.args.map(inline).join(' ')})` : head;
      }
      case 'constArray':
        return `((as const ${sortKey(t.sort)}) ${inline(t.value)})`;
      case 'quant':
      case 'lambda':
        throw new Error('incremental: a binder');
    }
  };
  for (const t of order) {
    if (t.kind === 'quant' || t.kind === 'lambda') return null;
    if (t.kind === 'var') {
      if (t.name.startsWith(GENERATED)) return null;
      const s = symbol(t.name);
      lines.push(`(declare-fun ${s} () ${sortKey(t.sort)})`);
      local.set(t, s);
      continue;
    }
    if (t.kind !== 'app' && t.kind !== 'constArray') continue; // literals are printed in place
    let h = 0;
    for (const c of children(t)) if (!local.has(c) && nameOf(c) === undefined) h = Math.max(h, (height.get(c) ?? 0) + 1);
    if ((refs.get(t) ?? 0) >= 2 || h > MAX_INLINE_HEIGHT) {
      const body = inline(t);
      const name = `${outer.prefix}${++outer.counter}`;
      lines.push(`(define-fun ${name} () ${sortKey(t.sort)} ${body})`);
      local.set(t, name);
      h = 0;
    }
    height.set(t, h);
  }
  for (const r of roots) lines.push(`(assert ${inline(r)})`);
  for (const [t, n] of local) outer.known.set(t, n);
  return lines;
}

// Which checks ask their queries this way: the Core -> MLIR check (verifier/tv/core/validate.ts)
// runs inside withIncrementalBases; every other caller of the solver is unchanged.
const scope = new AsyncLocalStorage<boolean>();

/** Runs `f` with its z3-wasm queries that share a base asked incrementally first
 *  (FIDELITY_NO_INCREMENTAL=1 turns it off, to measure what it changes). */
export function withIncrementalBases<T>(f: () => Promise<T>): Promise<T> {
  if (process.env.FIDELITY_NO_INCREMENTAL === '1') return f();
  return scope.run(true, f);
}

/** Whether the current query may be asked incrementally. */
export function incrementalWanted(): boolean {
  return scope.getStore() === true;
}
