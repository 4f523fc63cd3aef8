// Builds hash-consed terms with light constant folding (literals only: enough to keep
// concrete-looking queries small, never a decision procedure). Operator names are SMT-LIB's.
import { BOOL, INT, RM, arraySort, bvSort, fpSort, sameSort, sortKey, type Sort, type Term } from './term.ts';

type Op =
  // core
  | 'not' | 'and' | 'or' | 'xor' | '=>' | '=' | 'distinct' | 'ite'
  // bit-vectors
  | 'bvadd' | 'bvsub' | 'bvmul' | 'bvudiv' | 'bvurem' | 'bvsdiv' | 'bvsrem' | 'bvsmod' | 'bvneg'
  | 'bvand' | 'bvor' | 'bvxor' | 'bvnot' | 'bvshl' | 'bvlshr' | 'bvashr'
  | 'bvult' | 'bvule' | 'bvugt' | 'bvuge' | 'bvslt' | 'bvsle' | 'bvsgt' | 'bvsge'
  | 'concat' | 'extract' | 'zero_extend' | 'sign_extend'
  // integers
  | '+' | '-' | '*' | 'div' | 'mod' | '<' | '<=' | '>' | '>=' | 'bv2nat' | 'int2bv'
  // arrays
  | 'select' | 'store'
  // floating point (SMT-LIB FloatingPoint theory): rounding modes are nullary operators;
  // `to_fp` / `to_fp_unsigned` are indexed by [eb, sb], `fp.to_sbv` / `fp.to_ubv` by [width]
  | 'RNE' | 'RTZ'
  | 'to_fp' | 'to_fp_unsigned' | 'fp.to_sbv' | 'fp.to_ubv'
  | 'fp.add' | 'fp.sub' | 'fp.mul' | 'fp.div' | 'fp.rem' | 'fp.neg' | 'fp.abs' | 'fp.roundToIntegral'
  | 'fp.isNaN' | 'fp.isInfinite' | 'fp.isZero' | 'fp.isNegative'
  | 'fp.eq' | 'fp.lt' | 'fp.leq' | 'fp.gt' | 'fp.geq';

/** A number per operator name, for the application table's hash. */
const opCodes = new Map<string, number>();
function opCode(op: string): number {
  let c = opCodes.get(op);
  if (c === undefined) opCodes.set(op, (c = opCodes.size + 1));
  return c;
}

type AppTerm = Extract<Term, { kind: 'app' }>;

function sameApp(t: AppTerm, op: string, indices: number[], args: Term[]): boolean {
  if (t.op !== op || t.args.length !== args.length || t.indices.length !== indices.length) return false;
  for (let i = 0; i < args.length; i++) if (t.args[i]!.id !== args[i]!.id) return false;
  for (let i = 0; i < indices.length; i++) if (t.indices[i] !== indices[i]) return false;
  return true;
}

/** The factory that made each lambda: the printer rewrites the reads of one left in a query
 *  (arrays.ts readLambdas) in the factory of its terms. */
const lambdaOwner = new WeakMap<Term, TermFactory>();
export function factoryOfLambda(t: Term): TermFactory | undefined {
  return lambdaOwner.get(t);
}
let lambdasMade = false;
/** Whether any factory has made a lambda in this process (the printer looks for none otherwise). */
export function anyLambdaMade(): boolean {
  return lambdasMade;
}

export class TermFactory {
  private table = new Map<string, Term>();
  /** Applications, by a 32-bit hash of (operator, indices, argument ids); a bucket holds the
   *  terms with that hash, told apart by comparing exactly. (Symbolic execution makes
   *  millions of applications: a string key per lookup was its hottest line.) */
  private apps = new Map<number, AppTerm | AppTerm[]>();
  private appCount = 0;
  private nextId = 1;
  private names = new Map<string, Sort>();
  /** bv literals by width and value (bv). */
  private bvs = new Map<number, Map<bigint, Term>>();

  get size(): number {
    return this.table.size + this.appCount;
  }

  private intern<T extends Term>(key: string, make: (id: number) => T): T {
    const hit = this.table.get(key);
    if (hit) return hit as T;
    const t = make(this.nextId++);
    this.table.set(key, t);
    return t;
  }

  /** A free constant. The same name with another sort is a bug in the caller. */
  var(name: string, sort: Sort): Term {
    const prev = this.names.get(name);
    if (prev && !sameSort(prev, sort)) throw new Error(`smt: variable ${name} used at two sorts`);
    this.names.set(name, sort);
    return this.intern(`v|${name}`, (id) => ({ id, kind: 'var', name, sort }));
  }

  /** A fresh constant named after `hint` (never equal to another name). */
  fresh(hint: string, sort: Sort): Term {
    let n = this.names.size;
    let name = `${hint}!${n}`;
    while (this.names.has(name)) name = `${hint}!${++n}`;
    return this.var(name, sort);
  }

  bv(value: bigint | number, width: number): Term {
    const v = BigInt.asUintN(width, BigInt(value));
    // literals by width and value in front of the table (the same terms: a miss interns as
    // before): the table's string key, the literal printed in decimal, was most of their cost
    let byValue = this.bvs.get(width);
    if (!byValue) this.bvs.set(width, (byValue = new Map()));
    let t = byValue.get(v);
    if (!t) byValue.set(v, (t = this.intern(`b|${width}|${v}`, (id) => ({ id, kind: 'bv', value: v, width, sort: bvSort(width) }))));
    return t;
  }
  int(value: bigint | number): Term {
    const v = BigInt(value);
    return this.intern(`i|${v}`, (id) => ({ id, kind: 'int', value: v, sort: INT }));
  }
  bool(value: boolean): Term {
    return this.intern(`B|${value}`, (id) => ({ id, kind: 'bool', value, sort: BOOL }));
  }
  // asked for on every path-condition step: interned once
  private tt: Term | undefined;
  private ff: Term | undefined;
  get true(): Term {
    return (this.tt ??= this.bool(true));
  }
  get false(): Term {
    return (this.ff ??= this.bool(false));
  }

  constArray(index: Sort, value: Term): Term {
    const sort: Sort = { kind: 'array', index, elem: value.sort };
    return this.intern(`K|${sortKey(sort)}|${value.id}`, (id) => ({ id, kind: 'constArray', value, sort }));
  }

  quant(q: 'forall' | 'exists', vars: Term[], body: Term): Term {
    return this.intern(`q|${q}|${vars.map((v) => v.id).join(',')}|${body.id}`, (id) => ({ id, kind: 'quant', q, vars, body, sort: BOOL }));
  }

  /**
   * The array `(lambda ((x index)) body(x))`: `body` is built by `make` over a variable made
   * fresh here, so that no term made before it mentions it (substitution, below, relies on
   * that). Reads of it are beta-reduced by `select` (app), so a query sees the lambda only
   * where the array is used whole.
   */
  lambda(index: Sort, hint: string, make: (x: Term) => Term): Term {
    const x = this.fresh(`${hint}.x`, index);
    const body = make(x);
    const sort = arraySort(index, body.sort);
    // (a body that does not mention x would be a constant array; kept a lambda: still exact)
    const t = this.intern(`L|${x.id}|${body.id}`, (id) => ({ id, kind: 'lambda', vars: [x], body, sort }));
    lambdaOwner.set(t, this);
    lambdasMade = true;
    return t;
  }

  /** The lambda `t` (its own variable) over a new body: for rewriters of its body, which must
   *  leave the variable as it is. */
  relambda(t: Term, body: Term): Term {
    if (t.kind !== 'lambda') throw new Error('smt: relambda of a non-lambda');
    if (body === t.body) return t;
    const sort = arraySort(t.vars[0]!.sort, body.sort);
    const l = this.intern(`L|${t.vars[0]!.id}|${body.id}`, (id) => ({ id, kind: 'lambda', vars: t.vars, body, sort }));
    lambdaOwner.set(l, this);
    return l;
  }

  /** `t` with the variable `x` replaced by `by`, rebuilt through the factory (so folds and
   *  beta-reductions apply). `x` must be a lambda's own variable: a term made before `x`
   *  (smaller id) cannot mention it and is kept whole without a walk. */
  substitute(t: Term, x: Term, by: Term): Term {
    const memo = new Map<number, Term>();
    const go = (u: Term): Term => {
      if (u.id < x.id) return u;
      if (u.id === x.id) return by;
      const hit = memo.get(u.id);
      if (hit) return hit;
      let r: Term = u;
      switch (u.kind) {
        case 'app': {
          const args = u.args.map(go);
          if (args.some((a, i) => a !== u.args[i])) r = u.op === 'extract' ? this.sliceOf(args[0]!, u.indices) : this.app(u.op as Op, args, u.indices);
          break;
        }
        case 'constArray': {
          const v = go(u.value);
          if (v !== u.value) r = this.constArray((u.sort as { index: Sort }).index, v);
          break;
        }
        case 'quant': {
          const b = go(u.body);
          if (b !== u.body) r = this.quant(u.q, u.vars, b);
          break;
        }
        case 'lambda': {
          // a lambda binding x itself (rewriteTerms' relambda keeps a lambda's variable, so
          // U := L inside L's own body nests two binders of one variable): its x is not ours
          // (review 40 F1: the inner lambda read at x + 1 became a constant array)
          if (u.vars[0]!.id === x.id) break;
          const b = go(u.body);
          if (b !== u.body) r = this.relambda(u, b);
          break;
        }
        default:
          break;
      }
      memo.set(u.id, r);
      return r;
    };
    return go(t);
  }

  /** extract(hi, lo, a); exactly one half of a concatenation `a` is that half (a lambda's
   *  block or offset of an address substituted for its variable). */
  private sliceOf(a: Term, idx: number[]): Term {
    if (a.kind === 'app' && a.op === 'concat' && a.args.length === 2) {
      const [h, l] = a.args as [Term, Term];
      const wl = l.sort.kind === 'bv' ? l.sort.width : -1;
      const wh = h.sort.kind === 'bv' ? h.sort.width : -1;
      if (idx[1] === 0 && idx[0] === wl - 1) return l;
      if (idx[1] === wl && idx[0] === wl + wh - 1) return h;
    }
    return this.app('extract', [a], idx);
  }

  /** An operator application; folds literal arguments where that is exact and cheap. */
  app(op: Op, args: Term[], indices: number[] = []): Term {
    if (op === 'select') {
      // beta-reduction (a read through stores or ites above a lambda is left as it is, for
      // simplify-bounds to read under its facts; printQuery reads the rest: arrays.ts
      // readLambdas)
      const a = args[0]!;
      if (a.kind === 'lambda') return this.substitute(a.body, a.vars[0]!, args[1]!);
    }
    const folded = fold(this, op, args, indices);
    if (folded) return folded;
    let h = Math.imul(opCode(op), 0x9e3779b1);
    for (let i = 0; i < indices.length; i++) h = Math.imul(h ^ indices[i]!, 0x85ebca6b) + 0x3c6ef372;
    h = Math.imul(h ^ 0x27d4eb2f, 0xc2b2ae35);
    for (let i = 0; i < args.length; i++) h = Math.imul(h ^ args[i]!.id, 0x85ebca6b) + 0x165667b1;
    h ^= h >>> 15;
    const bucket = this.apps.get(h);
    if (bucket !== undefined) {
      if (!Array.isArray(bucket)) {
        if (sameApp(bucket, op, indices, args)) return bucket;
      } else {
        for (const t of bucket) if (sameApp(t, op, indices, args)) return t;
      }
    }
    const sort = resultSort(op, args, indices);
    const t: AppTerm = { id: this.nextId++, kind: 'app', op, indices, args, sort };
    if (bucket === undefined) this.apps.set(h, t);
    else if (Array.isArray(bucket)) bucket.push(t);
    else this.apps.set(h, [bucket, t]);
    this.appCount++;
    return t;
  }

  // Convenience wrappers for the common operators.
  not(a: Term): Term {
    return this.app('not', [a]);
  }
  and(...xs: Term[]): Term {
    const ys = xs.filter((x) => !(x.kind === 'bool' && x.value));
    if (ys.some((x) => x.kind === 'bool' && !x.value)) return this.false;
    if (ys.length === 0) return this.true;
    if (ys.length === 1) return ys[0]!;
    return this.app('and', ys);
  }
  or(...xs: Term[]): Term {
    const ys = xs.filter((x) => !(x.kind === 'bool' && !x.value));
    if (ys.some((x) => x.kind === 'bool' && x.value)) return this.true;
    if (ys.length === 0) return this.false;
    if (ys.length === 1) return ys[0]!;
    return this.app('or', ys);
  }
  implies(a: Term, b: Term): Term {
    return this.app('=>', [a, b]);
  }
  eq(a: Term, b: Term): Term {
    return this.app('=', [a, b]);
  }
  ite(c: Term, a: Term, b: Term): Term {
    return this.app('ite', [c, a, b]);
  }
  select(arr: Term, i: Term): Term {
    return this.app('select', [arr, i]);
  }
  store(arr: Term, i: Term, v: Term): Term {
    return this.app('store', [arr, i, v]);
  }
  extract(hi: number, lo: number, a: Term): Term {
    return this.app('extract', [a], [hi, lo]);
  }
  zext(k: number, a: Term): Term {
    return k === 0 ? a : this.app('zero_extend', [a], [k]);
  }
  sext(k: number, a: Term): Term {
    return k === 0 ? a : this.app('sign_extend', [a], [k]);
  }
}

function widthOf(t: Term): number {
  if (t.sort.kind !== 'bv') throw new Error(`smt: expected a bit-vector, got ${sortKey(t.sort)}`);
  return t.sort.width;
}

function resultSort(op: Op, args: Term[], indices: number[]): Sort {
  switch (op) {
    case 'not': case 'and': case 'or': case 'xor': case '=>': case '=': case 'distinct':
    case 'bvult': case 'bvule': case 'bvugt': case 'bvuge': case 'bvslt': case 'bvsle': case 'bvsgt': case 'bvsge':
    case '<': case '<=': case '>': case '>=':
      return BOOL;
    case 'ite':
      if (!sameSort(args[1]!.sort, args[2]!.sort)) throw new Error(`smt: ite branches of different sorts`);
      return args[1]!.sort;
    case 'concat':
      return bvSort(widthOf(args[0]!) + widthOf(args[1]!));
    case 'extract':
      return bvSort(indices[0]! - indices[1]! + 1);
    case 'zero_extend': case 'sign_extend':
      return bvSort(widthOf(args[0]!) + indices[0]!);
    case '+': case '-': case '*': case 'div': case 'mod': case 'bv2nat':
      return INT;
    case 'int2bv':
      return bvSort(indices[0]!);
    case 'select': {
      const s = args[0]!.sort;
      if (s.kind !== 'array') throw new Error('smt: select on a non-array');
      return s.elem;
    }
    case 'store':
      return args[0]!.sort;
    case 'RNE': case 'RTZ':
      return RM;
    case 'to_fp': case 'to_fp_unsigned':
      return fpSort(indices[0]!, indices[1]!);
    case 'fp.to_sbv': case 'fp.to_ubv':
      return bvSort(indices[0]!);
    case 'fp.isNaN': case 'fp.isInfinite': case 'fp.isZero': case 'fp.isNegative':
    case 'fp.eq': case 'fp.lt': case 'fp.leq': case 'fp.gt': case 'fp.geq':
      return BOOL;
    case 'fp.add': case 'fp.sub': case 'fp.mul': case 'fp.div': case 'fp.roundToIntegral':
      return args[1]!.sort; // after the rounding mode
    case 'fp.neg': case 'fp.abs': case 'fp.rem':
      return args[0]!.sort;
    default: {
      // every remaining operator is bit-vector -> same bit-vector
      const w = widthOf(args[0]!);
      for (const a of args) if (widthOf(a) !== w) throw new Error(`smt: ${op} on widths ${args.map(widthOf).join(', ')}`);
      return bvSort(w);
    }
  }
}

const signed = (v: bigint, w: number) => BigInt.asIntN(w, v);

function fold(f: TermFactory, op: Op, args: Term[], idx: number[]): Term | null {
  if (op === 'not' && args[0]!.kind === 'bool') return f.bool(!args[0]!.value);
  if (op === 'not' && args[0]!.kind === 'app' && args[0]!.op === 'not') return args[0]!.args[0]!;
  if (op === 'ite') {
    const [c, a, b] = args as [Term, Term, Term];
    if (c.kind === 'bool') return c.value ? a : b;
    if (a.id === b.id) return a;
    return null;
  }
  if (op === '=' && args.length === 2) {
    const [a, b] = args as [Term, Term];
    if (a.id === b.id) return f.true;
    if ((a.kind === 'bv' || a.kind === 'int' || a.kind === 'bool') && a.kind === b.kind) return f.bool(a.value === b.value);
    return null;
  }
  if (op === '=>' && args.length === 2 && args[0]!.kind === 'bool') return args[0]!.value ? args[1]! : f.true;
  // the literal folds below are binary (or unary); an n-ary application is left to the solver
  if (args.length > 2 || args.length === 0) return null;
  if (!args.every((a) => a.kind === 'bv')) return null;
  const vs = args.map((a) => (a as Extract<Term, { kind: 'bv' }>).value);
  const w = (args[0] as Extract<Term, { kind: 'bv' }>).width;
  const [x, y] = vs as [bigint, bigint];
  switch (op) {
    case 'bvadd': return f.bv(x + y, w);
    case 'bvsub': return f.bv(x - y, w);
    case 'bvmul': return f.bv(x * y, w);
    case 'bvneg': return f.bv(-x, w);
    case 'bvand': return f.bv(x & y, w);
    case 'bvor': return f.bv(x | y, w);
    case 'bvxor': return f.bv(x ^ y, w);
    case 'bvnot': return f.bv(~x, w);
    case 'bvudiv': return f.bv(y === 0n ? (1n << BigInt(w)) - 1n : x / y, w); // SMT-LIB: x/0 = all ones
    case 'bvurem': return f.bv(y === 0n ? x : x % y, w); // SMT-LIB: x%0 = x
    case 'bvshl': return f.bv(y >= BigInt(w) ? 0n : x << y, w);
    case 'bvlshr': return f.bv(y >= BigInt(w) ? 0n : x >> y, w);
    case 'bvashr': return f.bv(signed(x, w) >> (y >= BigInt(w) ? BigInt(w - 1) : y), w);
    case 'bvult': return f.bool(x < y);
    case 'bvule': return f.bool(x <= y);
    case 'bvugt': return f.bool(x > y);
    case 'bvuge': return f.bool(x >= y);
    case 'bvslt': return f.bool(signed(x, w) < signed(y, w));
    case 'bvsle': return f.bool(signed(x, w) <= signed(y, w));
    case 'bvsgt': return f.bool(signed(x, w) > signed(y, w));
    case 'bvsge': return f.bool(signed(x, w) >= signed(y, w));
    case 'extract': return f.bv(x >> BigInt(idx[1]!), idx[0]! - idx[1]! + 1);
    case 'zero_extend': return f.bv(x, w + idx[0]!);
    case 'sign_extend': return f.bv(signed(x, w), w + idx[0]!);
    case 'concat': return f.bv((x << BigInt((args[1] as Extract<Term, { kind: 'bv' }>).width)) | y, w + (args[1] as Extract<Term, { kind: 'bv' }>).width);
    default: return null; // sdiv/srem/smod: left to the solver (edge cases at 0 and MIN)
  }
}
