// Concrete evaluation of Terms under a model, with SMT-LIB's own (total) semantics: this is
// how a sat answer is checked before anyone trusts it, and how a counterexample is replayed.
// Bit-vectors are unsigned bigints in [0, 2^w); arrays are a default plus explicit entries;
// floats their IEEE bits, rounding modes a code (model-fp.ts: exact, or unspecified).
import { sortKey, type Sort, type Term } from './term.ts';
import { applyFp, isFpOp } from './model-fp.ts';

export type ArrayModel = {
  kind: 'array';
  /** The value at every index not listed in `entries`. */
  default: ModelValue;
  /** Explicit (index, value) pairs; an index appears at most once. */
  entries: [ModelValue, ModelValue][];
  /** A lambda's array (smt/term.ts): the value at an index not in `entries` (then `default`
   *  is unused); such an array is never compared whole (EvalError). */
  fn?: (i: ModelValue) => ModelValue;
};
export type ModelValue = bigint | boolean | ArrayModel;
export type Model = Map<string, ModelValue>;

/** Why a term has no value: a variable missing from the model, or a construct with no concrete value. */
export class EvalError extends Error {
  constructor(
    message: string,
    readonly reason: 'missing-var' | 'unspecified' | 'unbounded-quantifier' | 'ill-sorted',
  ) {
    super(message);
  }
}

export type EvalOptions = {
  /** Give variables missing from the model a default (0, false, constant 0 array) instead of failing. */
  complete?: boolean;
  /** Largest domain a quantifier may be evaluated over by enumeration (default 2^12). */
  maxQuantDomain?: number;
};

/** Evaluates `t` under `model` (variables by name). Memoised over the DAG, so shared subterms cost once. */
export function evaluate(t: Term, model: Model, opts: EvalOptions = {}): ModelValue {
  return new Evaluator(model, opts).eval(t);
}

/** An evaluation function over one model: shared subterms are evaluated once across calls
 *  (the model must not change while it is used). */
export function evaluator(model: Model, opts: EvalOptions = {}): (t: Term) => ModelValue {
  const ev = new Evaluator(model, opts);
  return (t) => ev.eval(t);
}

/** True when every assertion evaluates to true under the model. */
export function satisfies(assertions: Term[], model: Model, opts: EvalOptions = {}): boolean {
  const ev = new Evaluator(model, opts);
  return assertions.every((a) => ev.eval(a) === true);
}

export function defaultValue(s: Sort): ModelValue {
  switch (s.kind) {
    case 'bool':
      return false;
    case 'bv':
    case 'int':
      return 0n;
    case 'array':
      return { kind: 'array', default: defaultValue(s.elem), entries: [] };
    case 'fp':
    case 'rm':
      // floats live only inside one op's encoding (never a free constant), so no model names one
      throw new EvalError(`no concrete value of sort ${sortKey(s)}`, 'unspecified');
  }
}

/** Structural equality of values, extensional for arrays (over finite index sorts, too). */
export function valueEquals(a: ModelValue, b: ModelValue, indexSort?: Sort): boolean {
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a.fn || b.fn) throw new EvalError('an array given by a lambda compared whole', 'unbounded-quantifier');
  const keys: ModelValue[] = [];
  for (const [k] of a.entries) if (!keys.some((x) => valueEquals(x, k))) keys.push(k);
  for (const [k] of b.entries) if (!keys.some((x) => valueEquals(x, k))) keys.push(k);
  for (const k of keys) if (!valueEquals(arraySelect(a, k), arraySelect(b, k))) return false;
  if (valueEquals(a.default, b.default)) return true;
  // different defaults: equal only if the listed indices cover the whole (finite) index domain
  const size = domainSize(indexSort);
  return size !== null && BigInt(keys.length) >= size;
}

export function arraySelect(a: ArrayModel, i: ModelValue): ModelValue {
  for (const [k, v] of a.entries) if (valueEquals(k, i)) return v;
  return a.fn ? a.fn(i) : a.default;
}

export function arrayStore(a: ArrayModel, i: ModelValue, v: ModelValue): ArrayModel {
  const entries = a.entries.filter(([k]) => !valueEquals(k, i));
  entries.push([i, v]);
  return a.fn ? { kind: 'array', default: a.default, entries, fn: a.fn } : { kind: 'array', default: a.default, entries };
}

export function showValue(v: ModelValue): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return String(v);
  const es = v.entries.map(([k, x]) => `${showValue(k)} -> ${showValue(x)}`);
  return `[${[...es, `else -> ${showValue(v.default)}`].join(', ')}]`;
}

function domainSize(s: Sort | undefined): bigint | null {
  if (!s) return null;
  if (s.kind === 'bool') return 2n;
  if (s.kind === 'bv') return 1n << BigInt(s.width);
  return null;
}

function* domain(s: Sort, max: number): Generator<ModelValue> {
  const n = domainSize(s);
  if (n === null || n > BigInt(max)) throw new EvalError(`cannot enumerate a quantifier over ${sortKey(s)}`, 'unbounded-quantifier');
  if (s.kind === 'bool') {
    yield false;
    yield true;
    return;
  }
  for (let i = 0n; i < n; i++) yield i;
}

const toSigned = (v: bigint, w: number) => BigInt.asIntN(w, v);
const mask = (v: bigint, w: number) => BigInt.asUintN(w, v);

function bvudiv(x: bigint, y: bigint, w: number): bigint {
  return y === 0n ? mask(-1n, w) : x / y;
}
function bvurem(x: bigint, y: bigint): bigint {
  return y === 0n ? x : x % y;
}
// Signed division in SMT-LIB is defined through the unsigned one on magnitudes; the cases
// below are the standard's definitions (so x/0 and MIN/-1 come out as the solver says).
function bvsdiv(x: bigint, y: bigint, w: number): bigint {
  const top = 1n << BigInt(w - 1);
  const ns = (x & top) !== 0n;
  const nt = (y & top) !== 0n;
  const neg = (v: bigint) => mask(-v, w);
  if (!ns && !nt) return bvudiv(x, y, w);
  if (ns && !nt) return neg(bvudiv(neg(x), y, w));
  if (!ns && nt) return neg(bvudiv(x, neg(y), w));
  return bvudiv(neg(x), neg(y), w);
}
function bvsrem(x: bigint, y: bigint, w: number): bigint {
  const top = 1n << BigInt(w - 1);
  const ns = (x & top) !== 0n;
  const nt = (y & top) !== 0n;
  const neg = (v: bigint) => mask(-v, w);
  if (!ns && !nt) return bvurem(x, y);
  if (ns && !nt) return neg(bvurem(neg(x), y));
  if (!ns && nt) return bvurem(x, neg(y));
  return neg(bvurem(neg(x), neg(y)));
}
function bvsmod(x: bigint, y: bigint, w: number): bigint {
  const top = 1n << BigInt(w - 1);
  const ns = (x & top) !== 0n;
  const nt = (y & top) !== 0n;
  const neg = (v: bigint) => mask(-v, w);
  const u = bvurem(ns ? neg(x) : x, nt ? neg(y) : y);
  if (u === 0n) return u;
  if (!ns && !nt) return u;
  if (ns && !nt) return mask(neg(u) + y, w);
  if (!ns && nt) return mask(u + y, w);
  return neg(u);
}

/** SMT-LIB integer div/mod: the remainder is always in [0, |n|). */
function intDivMod(m: bigint, n: bigint): [bigint, bigint] {
  let q = m / n;
  let r = m - q * n;
  if (r < 0n) {
    if (n > 0n) {
      q -= 1n;
      r += n;
    } else {
      q += 1n;
      r -= n;
    }
  }
  return [q, r];
}

// applyOp's helpers at module level, not as closures inside it: tsx names every closure
// it creates (an Object.defineProperty each), six per evaluated operator before
function bitsAt(op: string, argSorts: Sort[], i: number): number {
  const s = argSorts[i]!;
  if (s.kind !== 'bv') throw new EvalError(`${op}: expected a bit-vector`, 'ill-sorted');
  return s.width;
}

function foldBv(op: string, args: ModelValue[], argSorts: Sort[], f: (x: bigint, y: bigint) => bigint): bigint {
  const w = bitsAt(op, argSorts, 0);
  let acc = args[0] as bigint;
  for (let i = 1; i < args.length; i++) acc = mask(f(acc, args[i] as bigint), w);
  return acc;
}

function chainOf(args: ModelValue[], f: (x: bigint, y: bigint) => boolean): boolean {
  for (let i = 0; i + 1 < args.length; i++) if (!f(args[i] as bigint, args[i + 1] as bigint)) return false;
  return true;
}

function schainOf(op: string, args: ModelValue[], argSorts: Sort[], f: (x: bigint, y: bigint) => boolean): boolean {
  const w = bitsAt(op, argSorts, 0);
  return chainOf(args, (x, y) => f(toSigned(x, w), toSigned(y, w)));
}

export function applyOp(op: string, indices: number[], args: ModelValue[], argSorts: Sort[], resultSort: Sort): ModelValue {
  switch (op) {
    case 'not':
      return !(args[0] as boolean);
    case 'and':
      return args.every((a) => a === true);
    case 'or':
      return args.some((a) => a === true);
    case 'xor':
      return args.reduce<boolean>((acc, a) => acc !== a, false);
    case '=>': {
      // right-associative: (=> a b c) = (=> a (=> b c))
      let acc = (args[args.length - 1] as boolean);
      for (let i = args.length - 2; i >= 0; i--) acc = !(args[i] as boolean) || acc;
      return acc;
    }
    case '=': {
      for (let i = 0; i + 1 < args.length; i++) if (!valueEquals(args[i]!, args[i + 1]!, indexOf(argSorts[0]!))) return false;
      return true;
    }
    case 'distinct': {
      for (let i = 0; i < args.length; i++)
        for (let j = i + 1; j < args.length; j++) if (valueEquals(args[i]!, args[j]!, indexOf(argSorts[0]!))) return false;
      return true;
    }
    case 'ite':
      return (args[0] as boolean) ? args[1]! : args[2]!;
    case 'bvadd':
      return foldBv(op, args, argSorts, (x, y) => x + y);
    case 'bvsub':
      return foldBv(op, args, argSorts, (x, y) => x - y);
    case 'bvmul':
      return foldBv(op, args, argSorts, (x, y) => x * y);
    case 'bvand':
      return foldBv(op, args, argSorts, (x, y) => x & y);
    case 'bvor':
      return foldBv(op, args, argSorts, (x, y) => x | y);
    case 'bvxor':
      return foldBv(op, args, argSorts, (x, y) => x ^ y);
    case 'bvneg':
      return mask(-(args[0] as bigint), bitsAt(op, argSorts, 0));
    case 'bvnot':
      return mask(~(args[0] as bigint), bitsAt(op, argSorts, 0));
    case 'bvudiv':
      return bvudiv((args[0] as bigint), (args[1] as bigint), bitsAt(op, argSorts, 0));
    case 'bvurem':
      return bvurem((args[0] as bigint), (args[1] as bigint));
    case 'bvsdiv':
      return bvsdiv((args[0] as bigint), (args[1] as bigint), bitsAt(op, argSorts, 0));
    case 'bvsrem':
      return bvsrem((args[0] as bigint), (args[1] as bigint), bitsAt(op, argSorts, 0));
    case 'bvsmod':
      return bvsmod((args[0] as bigint), (args[1] as bigint), bitsAt(op, argSorts, 0));
    case 'bvshl': {
      const w = bitsAt(op, argSorts, 0);
      return (args[1] as bigint) >= BigInt(w) ? 0n : mask((args[0] as bigint) << (args[1] as bigint), w);
    }
    case 'bvlshr': {
      const w = bitsAt(op, argSorts, 0);
      return (args[1] as bigint) >= BigInt(w) ? 0n : (args[0] as bigint) >> (args[1] as bigint);
    }
    case 'bvashr': {
      const w = bitsAt(op, argSorts, 0);
      const s = (args[1] as bigint) >= BigInt(w) ? BigInt(w - 1) : (args[1] as bigint);
      return mask(toSigned((args[0] as bigint), w) >> s, w);
    }
    case 'bvult':
      return chainOf(args, (x, y) => x < y);
    case 'bvule':
      return chainOf(args, (x, y) => x <= y);
    case 'bvugt':
      return chainOf(args, (x, y) => x > y);
    case 'bvuge':
      return chainOf(args, (x, y) => x >= y);
    case 'bvslt':
      return schainOf(op, args, argSorts, (x, y) => x < y);
    case 'bvsle':
      return schainOf(op, args, argSorts, (x, y) => x <= y);
    case 'bvsgt':
      return schainOf(op, args, argSorts, (x, y) => x > y);
    case 'bvsge':
      return schainOf(op, args, argSorts, (x, y) => x >= y);
    case 'concat': {
      let acc = 0n;
      for (let i = 0; i < args.length; i++) acc = (acc << BigInt(bitsAt(op, argSorts, i))) | (args[i] as bigint);
      return acc;
    }
    case 'extract':
      return mask((args[0] as bigint) >> BigInt(indices[1]!), indices[0]! - indices[1]! + 1);
    case 'zero_extend':
      return (args[0] as bigint);
    case 'sign_extend':
      return mask(toSigned((args[0] as bigint), bitsAt(op, argSorts, 0)), bitsAt(op, argSorts, 0) + indices[0]!);
    case 'repeat': {
      const w = bitsAt(op, argSorts, 0);
      let acc = 0n;
      for (let i = 0; i < indices[0]!; i++) acc = (acc << BigInt(w)) | (args[0] as bigint);
      return acc;
    }
    case 'rotate_left':
    case 'rotate_right': {
      const w = bitsAt(op, argSorts, 0);
      const k = BigInt((op === 'rotate_left' ? indices[0]! : w - (indices[0]! % w)) % w);
      return mask(((args[0] as bigint) << k) | ((args[0] as bigint) >> (BigInt(w) - k)), w);
    }
    case '+':
      return args.reduce<bigint>((acc, a) => acc + (a as bigint), 0n);
    case '-':
      return args.length === 1 ? -(args[0] as bigint) : args.slice(1).reduce<bigint>((acc, a) => acc - (a as bigint), (args[0] as bigint));
    case '*':
      return args.reduce<bigint>((acc, a) => acc * (a as bigint), 1n);
    case 'div':
    case 'mod': {
      let acc = (args[0] as bigint);
      for (let i = 1; i < args.length; i++) {
        // SMT-LIB leaves m div 0 unspecified: a solver may pick any value, so no concrete answer
        if ((args[i] as bigint) === 0n) throw new EvalError(`${op} by zero has no fixed value in SMT-LIB`, 'unspecified');
        acc = intDivMod(acc, (args[i] as bigint))[op === 'div' ? 0 : 1];
      }
      return acc;
    }
    case 'abs':
      return (args[0] as bigint) < 0n ? -(args[0] as bigint) : (args[0] as bigint);
    case '<':
      return chainOf(args, (x, y) => x < y);
    case '<=':
      return chainOf(args, (x, y) => x <= y);
    case '>':
      return chainOf(args, (x, y) => x > y);
    case '>=':
      return chainOf(args, (x, y) => x >= y);
    case 'bv2nat':
      return (args[0] as bigint);
    case 'int2bv':
      return mask((args[0] as bigint), indices[0]!);
    case 'select':
      return arraySelect(args[0] as ArrayModel, args[1]!);
    case 'store':
      return arrayStore(args[0] as ArrayModel, args[1]!, args[2]!);
    default:
      if (isFpOp(op)) return applyFp(op, indices, args, argSorts, resultSort);
      throw new EvalError(`no concrete semantics for operator ${op} (result ${sortKey(resultSort)})`, 'ill-sorted');
  }
}

function indexOf(s: Sort): Sort | undefined {
  return s.kind === 'array' ? s.index : undefined;
}

/** A subterm SMT-LIB leaves open (EvalError 'unspecified': fp.to_sbv out of range, x div 0),
 *  kept while its parents are evaluated: `ite`, `and` and `or` whose value does not depend
 *  on it have one (fptosi's value beside its poison flag: review 23); any other parent, and
 *  the root, is open too. */
class Open {
  constructor(readonly err: EvalError) {}
}

class Evaluator {
  private memo = new Map<number, ModelValue | Open>();
  private bound: Map<number, ModelValue>[] = [];

  constructor(
    private model: Model,
    private opts: EvalOptions,
  ) {}

  eval(root: Term): ModelValue {
    // iterative post-order so that long chains (memory store sequences) cannot overflow the stack
    const stack: { t: Term; expanded: boolean }[] = [{ t: root, expanded: false }];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const t = top.t;
      if (this.memo.has(t.id)) {
        stack.pop();
        continue;
      }
      if (t.kind === 'app' && !top.expanded) {
        top.expanded = true;
        for (let i = t.args.length - 1; i >= 0; i--) if (!this.memo.has(t.args[i]!.id)) stack.push({ t: t.args[i]!, expanded: false });
        continue;
      }
      if (t.kind === 'constArray' && !top.expanded) {
        top.expanded = true;
        if (!this.memo.has(t.value.id)) stack.push({ t: t.value, expanded: false });
        continue;
      }
      stack.pop();
      this.memo.set(t.id, this.guarded(t));
    }
    const v = this.memo.get(root.id)!;
    if (v instanceof Open) throw v.err;
    return v;
  }

  /** node(t), or Open where SMT-LIB leaves it open. */
  private guarded(t: Term): ModelValue | Open {
    if (t.kind === 'app') {
      const args = t.args.map((a) => this.memo.get(a.id)!);
      const open = args.find((a): a is Open => a instanceof Open);
      if (open) {
        if (t.op === 'ite' && !(args[0] instanceof Open)) return args[0] ? args[1]! : args[2]!;
        if (t.op === 'and' && args.includes(false)) return false;
        if (t.op === 'or' && args.includes(true)) return true;
        return open;
      }
    } else if (t.kind === 'constArray' && this.memo.get(t.value.id) instanceof Open) return this.memo.get(t.value.id)!;
    try {
      return this.node(t);
    } catch (e) {
      if (e instanceof EvalError && e.reason === 'unspecified') return new Open(e);
      throw e;
    }
  }

  private node(t: Term): ModelValue {
    switch (t.kind) {
      case 'var': {
        for (let i = this.bound.length - 1; i >= 0; i--) {
          const v = this.bound[i]!.get(t.id);
          if (v !== undefined) return v;
        }
        const v = this.model.get(t.name);
        if (v !== undefined) return v;
        if (this.opts.complete) return defaultValue(t.sort);
        throw new EvalError(`variable ${t.name} has no value in the model`, 'missing-var');
      }
      case 'bv':
      case 'int':
      case 'bool':
        return t.value;
      case 'constArray':
        return { kind: 'array', default: this.memo.get(t.value.id) as ModelValue, entries: [] };
      case 'app': {
        const args = t.args.map((a) => this.memo.get(a.id) as ModelValue); // none Open (guarded)
        return applyOp(t.op, t.indices, args, t.args.map((a) => a.sort), t.sort);
      }
      case 'quant':
        return this.quant(t);
      case 'lambda': {
        // its value at an index: the body evaluated with the variable bound to it
        const x = t.vars[0]!;
        const fn = (i: ModelValue): ModelValue => {
          const inner = new Evaluator(this.model, this.opts);
          inner.bound = [...this.bound, new Map([[x.id, i]])];
          return inner.eval(t.body);
        };
        return { kind: 'array', default: defaultValue((t.sort as { elem: Sort }).elem), entries: [], fn };
      }
    }
  }

  // Quantifiers are evaluated by enumeration over small finite domains; a body's values
  // depend on the bound variables, so it is evaluated with a fresh memo per assignment.
  private quant(t: Extract<Term, { kind: 'quant' }>): boolean {
    const max = this.opts.maxQuantDomain ?? 1 << 12;
    const assign = (i: number, env: Map<number, ModelValue>): boolean => {
      if (i === t.vars.length) {
        const inner = new Evaluator(this.model, this.opts);
        inner.bound = [...this.bound, env];
        return inner.eval(t.body) === true;
      }
      const v = t.vars[i]!;
      for (const x of domain(v.sort, max)) {
        env.set(v.id, x);
        const r = assign(i + 1, env);
        if (t.q === 'forall' && !r) return false;
        if (t.q === 'exists' && r) return true;
      }
      env.delete(v.id);
      return t.q === 'forall';
    };
    return assign(0, new Map());
  }
}
