// Explicit quantifier instantiation for the safety queries (Int representation).
//
// A contract `forall j in lo .. hi -> s.[j - 1] <= s.[j]` is an SMT quantifier whose body reads
// the cells at `off + j - 1` and `off + j`. z3 instantiates such a hypothesis by E-matching,
// only for ground reads of the same shape, so a goal that reads `s.[i - 1]` (`off + i - 1`)
// may never see the instance it needs, and the query times out or depends on luck. Here we
// add those instances ourselves:
//  1. Skolemize: a quantifier in an existential position outside any binder (`exists` under
//     an even number of negations, `forall` under an odd one) becomes its body at a fresh
//     constant. Equisatisfiable; a model of the result is a model of the query (the skolem
//     constant is its witness). A Bool `=` with a quantifier side is first split into two
//     implications, so every quantifier occurrence has one polarity.
//  2. Instantiate: for every remaining quantifier outside binders, for every read in its body
//     at an index `c ± v` (v its variable, c free of v) and every ground index g at which
//     the query reads (or stores into) the same array — an array built from it by stores
//     and ite merges counts —, the instance at v = g - c (or c - g) is added:
//     `forall v. P(v)` becomes `(forall v. P(v)) ∧ P(t)`, `exists v. P(v)` becomes
//     `(exists v. P(v)) ∨ P(t)`. Both are equivalences, valid wherever the quantifier occurs.
// So the query's satisfiability never changes: sound for `proved` and for models alike.
import type { TermFactory } from '../smt/factory.ts';
import type { Term } from '../smt/term.ts';
import { rewriteTerms } from '../smt/rewrite.ts';
import { hasQuantifier, someTerm } from '../smt/smtlib.ts';

type Quant = Extract<Term, { kind: 'quant' }>;

export type InstantiateOptions = {
  /** Instances per quantifier (default 48). */
  perQuant?: number;
  /** Instances per query (default 400). */
  total?: number;
};

/** Skolemizes existential-position quantifiers outside binders (see the file comment). */
export function skolemize(F: TermFactory, root: Term): Term {
  const memo = new Map<string, Term>();
  const withQ = new Map<number, boolean>();
  const hasQ = (t: Term): boolean => {
    let r = withQ.get(t.id);
    if (r === undefined) withQ.set(t.id, (r = t.kind === 'quant' || (t.kind === 'app' && t.args.some(hasQ))));
    return r;
  };
  // by quantifier term and variable: one quantifier term at several existential places may
  // share its witness, two different quantifiers (even over the same bound variable, which
  // substitution can produce) must not
  const skolems = new Map<string, Term>();
  // pos: true when under an even number of negations
  const go = (t: Term, pos: boolean): Term => {
    if (!hasQ(t)) return t;
    const key = `${t.id}|${pos}`;
    const hit = memo.get(key);
    if (hit) return hit;
    let r: Term = t;
    if (t.kind === 'quant') {
      const existential = (t.q === 'exists') === pos;
      // substitution goes through nested binders: one that rebinds a variable would be
      // captured (never from Clef, whose quantifiers each get a fresh variable): left as is
      if (existential && !t.vars.some((v) => rebinds(t.body, v.id))) {
        let body = t.body;
        const map = new Map<number, Term>();
        for (const v of t.vars) {
          const which = `${t.id}|${v.id}`;
          let k = skolems.get(which);
          if (!k) skolems.set(which, (k = F.fresh(`sk.${v.kind === 'var' ? v.name : 'q'}`, v.sort)));
          map.set(v.id, k);
        }
        body = rewriteTerms(F, [body], { onVar: (x) => map.get(x.id) })[0]!;
        r = go(body, pos);
      }
    } else if (t.kind === 'app') {
      const a = t.args;
      switch (t.op) {
        case 'and':
          r = F.and(...a.map((x) => go(x, pos)));
          break;
        case 'or':
          r = F.or(...a.map((x) => go(x, pos)));
          break;
        case 'not':
          r = F.not(go(a[0]!, !pos));
          break;
        case '=>':
          if (a.length === 2) r = F.implies(go(a[0]!, !pos), go(a[1]!, pos));
          break;
        case 'ite':
          // the condition occurs with both polarities: left as it is
          if (a[1]!.sort.kind === 'bool') r = F.ite(a[0]!, go(a[1]!, pos), go(a[2]!, pos));
          break;
        case '=':
          if (a.length === 2 && a[0]!.sort.kind === 'bool') {
            const [x, y] = a as [Term, Term];
            r = go(F.and(F.implies(x, y), F.implies(y, x)), pos);
          }
          break;
        default:
          break;
      }
    }
    memo.set(key, r);
    return r;
  };
  return go(root, true);
}

/** Whether a quantifier inside `t` binds the variable with id `v` again. */
function rebinds(t: Term, v: number): boolean {
  return someTerm([t], (x) => x.kind === 'quant' && x.vars.some((y) => y.id === v));
}

// ---- linear forms over Int terms: sum of coefficient * atom + constant ----

type Lin = { atoms: Map<number, { t: Term; c: bigint }>; k: bigint };

function addLin(a: Lin, b: Lin, scale: bigint): Lin {
  const atoms = new Map(a.atoms);
  for (const [id, { t, c }] of b.atoms) {
    const prev = atoms.get(id)?.c ?? 0n;
    const n = prev + c * scale;
    if (n === 0n) atoms.delete(id);
    else atoms.set(id, { t, c: n });
  }
  return { atoms, k: a.k + b.k * scale };
}

function linOf(t: Term): Lin {
  if (t.kind === 'int') return { atoms: new Map(), k: t.value };
  if (t.kind === 'app' && t.sort.kind === 'int') {
    const a = t.args;
    if (t.op === '+') return a.reduce<Lin>((s, x) => addLin(s, linOf(x), 1n), { atoms: new Map(), k: 0n });
    if (t.op === '-' && a.length === 1) return addLin({ atoms: new Map(), k: 0n }, linOf(a[0]!), -1n);
    if (t.op === '-' && a.length >= 2) return a.slice(1).reduce<Lin>((s, x) => addLin(s, linOf(x), -1n), linOf(a[0]!));
    if (t.op === '*' && a.length === 2) {
      if (a[0]!.kind === 'int') return addLin({ atoms: new Map(), k: 0n }, linOf(a[1]!), a[0]!.value);
      if (a[1]!.kind === 'int') return addLin({ atoms: new Map(), k: 0n }, linOf(a[0]!), a[1]!.value);
    }
  }
  return { atoms: new Map([[t.id, { t, c: 1n }]]), k: 0n };
}

/** A canonical term for a linear form (atoms by id), so equal forms are the same term. */
function termOf(F: TermFactory, l: Lin): Term {
  const parts: Term[] = [];
  for (const [, { t, c }] of [...l.atoms].sort((x, y) => x[0] - y[0])) parts.push(c === 1n ? t : F.app('*', [F.int(c), t]));
  if (l.k !== 0n || parts.length === 0) parts.push(F.int(l.k));
  return parts.length === 1 ? parts[0]! : F.app('+', parts);
}

/** Whether `t` mentions the variable with id `v`. */
function mentions(t: Term, v: number, memo: Map<number, boolean>): boolean {
  const hit = memo.get(t.id);
  if (hit !== undefined) return hit;
  let r = false;
  if (t.kind === 'var') r = t.id === v;
  else if (t.kind === 'app') r = t.args.some((a) => mentions(a, v, memo));
  else if (t.kind === 'quant' || t.kind === 'lambda') r = mentions(t.body, v, memo);
  else if (t.kind === 'constArray') r = mentions(t.value, v, memo);
  memo.set(t.id, r);
  return r;
}

/** The arrays an array term is built from by stores and ite merges (memoised). */
function basesOf(t: Term, memo: Map<number, number[]>): number[] {
  const hit = memo.get(t.id);
  if (hit) return hit;
  let r: number[];
  if (t.kind === 'app' && t.op === 'store') r = basesOf(t.args[0]!, memo);
  else if (t.kind === 'app' && t.op === 'ite') r = [...new Set([...basesOf(t.args[1]!, memo), ...basesOf(t.args[2]!, memo)])];
  else r = [t.id];
  memo.set(t.id, r);
  return r;
}

/** Ground read (and store) indices outside binders, by the arrays they read. */
function groundReads(root: Term, bases: Map<number, number[]>): Map<number, Term[]> {
  const out = new Map<number, Term[]>();
  const seen = new Set<number>();
  const stack = [root];
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x.id)) continue;
    seen.add(x.id);
    if (x.kind !== 'app') continue;
    // reads, and the places stores write (a read of the stored array there is a read of it)
    if ((x.op === 'select' || x.op === 'store') && x.args[1]!.sort.kind === 'int') {
      for (const b of basesOf(x.args[0]!, bases)) {
        const list = out.get(b);
        if (list) list.push(x.args[1]!);
        else out.set(b, [x.args[1]!]);
      }
    }
    for (const a of x.args) stack.push(a);
  }
  return out;
}

/** The reads `select(A, idx)` in `body` whose index is `c ± v` with A and c free of v. */
function patterns(body: Term, v: Term, bases: Map<number, number[]>): { arrays: number[]; c: Lin; sign: bigint }[] {
  const out: { arrays: number[]; c: Lin; sign: bigint }[] = [];
  const memo = new Map<number, boolean>();
  const seen = new Set<number>();
  const keys = new Set<string>();
  const stack = [body];
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x.id)) continue;
    seen.add(x.id);
    if (x.kind === 'quant') continue; // a nested binder's reads are not ground after instantiation
    if (x.kind !== 'app') continue;
    for (const a of x.args) stack.push(a);
    if (x.op !== 'select' || x.args[1]!.sort.kind !== 'int' || mentions(x.args[0]!, v.id, memo)) continue;
    const l = linOf(x.args[1]!);
    const cv = l.atoms.get(v.id)?.c;
    if (cv !== 1n && cv !== -1n) continue;
    const rest = new Map(l.atoms);
    rest.delete(v.id);
    if ([...rest.values()].some((a) => mentions(a.t, v.id, memo))) continue;
    const c: Lin = { atoms: rest, k: l.k };
    const key = `${x.args[0]!.id}|${cv}|${termKey(c)}`;
    if (keys.has(key)) continue;
    keys.add(key);
    out.push({ arrays: basesOf(x.args[0]!, bases), c, sign: cv });
  }
  return out;
}

function termKey(l: Lin): string {
  return [...l.atoms].sort((x, y) => x[0] - y[0]).map(([id, { c }]) => `${c}*${id}`).join('+') + `+${l.k}`;
}

/** The query with instances of its quantifiers added (see the file comment). (Replacing the
 *  hypotheses' quantifiers by their instances alone — a weaker query without binders — was
 *  tried: one round of instances is too few for insertion_sort's invariants.) */
export function instantiate(F: TermFactory, root: Term, opts: InstantiateOptions = {}): Term {
  if (!hasQuantifier([root])) return root;
  const perQuant = opts.perQuant ?? 48;
  let budget = opts.total ?? 400;
  const sk = skolemize(F, root);
  const bases = new Map<number, number[]>();
  const reads = groundReads(sk, bases);
  // every quantifier outside binders gets its instances, whatever its polarity (the rewrite
  // is an equivalence); the walk goes through the Boolean structure only
  const memo = new Map<number, Term>();
  const go = (t: Term): Term => {
    if (t.kind !== 'quant' && !(t.kind === 'app' && t.sort.kind === 'bool')) return t;
    const hit = memo.get(t.id);
    if (hit) return hit;
    let r: Term = t;
    if (t.kind === 'quant') {
      const insts = instancesOf(t);
      if (insts.length) r = t.q === 'forall' ? F.and(t, ...insts) : F.or(t, ...insts);
    } else if (t.kind === 'app') {
      const args = t.args.map((x) => (x.sort.kind === 'bool' ? go(x) : x));
      if (args.some((x, i) => x !== t.args[i])) r = F.app(t.op as Parameters<TermFactory['app']>[0], args, t.indices);
    }
    memo.set(t.id, r);
    return r;
  };
  const cache = new Map<number, Term[]>();
  const instancesOf = (q: Quant): Term[] => {
    const hit = cache.get(q.id);
    if (hit) return hit;
    const insts: Term[] = [];
    cache.set(q.id, insts);
    if (q.vars.length !== 1 || q.vars[0]!.sort.kind !== 'int') return insts;
    const v = q.vars[0]!;
    if (rebinds(q.body, v.id)) return insts; // substitution would be captured (as skolemize)
    const values = new Map<string, Term>();
    for (const p of patterns(q.body, v, bases)) {
      for (const g of new Set(p.arrays.flatMap((a) => reads.get(a) ?? []))) {
        // v = (g - c) / sign
        const diff = addLin(linOf(g), p.c, -1n);
        const val = p.sign === 1n ? diff : addLin({ atoms: new Map(), k: 0n }, diff, -1n);
        const key = termKey(val);
        if (!values.has(key)) values.set(key, termOf(F, val));
      }
    }
    for (const val of values.values()) {
      if (insts.length >= perQuant || budget <= 0) break;
      insts.push(rewriteTerms(F, [q.body], { onVar: (x) => (x.id === v.id ? val : undefined) })[0]!);
      budget--;
    }
    return insts;
  };
  return go(sk);
}
