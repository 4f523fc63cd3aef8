// Evaluation of terms under a model when they contain the quantifiers this engine makes
// (`forall i. lo <= i <= hi => body`, `exists i. (lo <= i <= hi) ∧ body` over integers):
// the range is evaluated first and enumerated when small. Used to tell which of several
// violation queries a model satisfies (one solver call settles many checks).
import { applyOp, defaultValue, EvalError, type Model, type ModelValue } from '../../smt/model.ts';
import type { Term } from '../../smt/term.ts';

const MAX_RANGE = 4096n;

type Env = Map<number, ModelValue>;

/** The bounds of a quantifier of our shape, or null. */
function rangeOf(t: Extract<Term, { kind: 'quant' }>): { lo: Term; hi: Term; body: Term } | null {
  if (t.vars.length !== 1) return null;
  const v = t.vars[0]!;
  const b = t.body;
  const split = (r: Term): { lo: Term; hi: Term } | null => {
    if (r.kind !== 'app' || r.op !== 'and' || r.args.length !== 2) return null;
    const [a, c] = r.args as [Term, Term];
    const isLe = (x: Term) => x.kind === 'app' && (x.op === '<=' || x.op === 'bvsle') && x.args.length === 2;
    if (!isLe(a) || !isLe(c)) return null;
    const lo = (a as Extract<Term, { kind: 'app' }>).args;
    const hi = (c as Extract<Term, { kind: 'app' }>).args;
    if (lo[1]!.id !== v.id || hi[0]!.id !== v.id) return null;
    return { lo: lo[0]!, hi: hi[1]! };
  };
  if (t.q === 'forall' && b.kind === 'app' && b.op === '=>') {
    const r = split(b.args[0]!);
    return r ? { ...r, body: b.args[1]! } : null;
  }
  if (t.q === 'exists' && b.kind === 'app' && b.op === 'and' && b.args.length >= 2) {
    const r = split(b.args[0]!);
    if (!r) return null;
    return { ...r, body: b.args.length === 2 ? b.args[1]! : { ...b, args: b.args.slice(1) } };
  }
  return null;
}

function signedOf(t: Term, v: ModelValue): bigint {
  if (typeof v !== 'bigint') throw new EvalError('quantifier bound is not a number', 'ill-sorted');
  return t.sort.kind === 'bv' ? BigInt.asIntN(t.sort.width, v) : v;
}

/** Evaluates `root`; `memo` may be shared between calls with the same model. */
export function evaluateQ(root: Term, model: Model, memo: Map<number, ModelValue> = new Map()): ModelValue {
  const go = (t: Term, env: Env, memo: Map<number, ModelValue>): ModelValue => {
    const stack: { t: Term; expanded: boolean }[] = [{ t, expanded: false }];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const x = top.t;
      if (memo.has(x.id)) {
        stack.pop();
        continue;
      }
      if ((x.kind === 'app' || x.kind === 'constArray') && !top.expanded) {
        top.expanded = true;
        const cs = x.kind === 'app' ? x.args : [x.value];
        for (let i = cs.length - 1; i >= 0; i--) if (!memo.has(cs[i]!.id)) stack.push({ t: cs[i]!, expanded: false });
        continue;
      }
      stack.pop();
      memo.set(x.id, node(x, env, memo));
    }
    return memo.get(t.id)!;
  };
  const node = (t: Term, env: Env, memo: Map<number, ModelValue>): ModelValue => {
    switch (t.kind) {
      case 'var': {
        const b = env.get(t.id);
        if (b !== undefined) return b;
        return model.get(t.name) ?? defaultValue(t.sort);
      }
      case 'bv':
      case 'int':
      case 'bool':
        return t.value;
      case 'constArray':
        return { kind: 'array', default: memo.get(t.value.id)!, entries: [] };
      case 'app':
        return applyOp(t.op, t.indices, t.args.map((a) => memo.get(a.id)!), t.args.map((a) => a.sort), t.sort);
      case 'lambda':
        throw new EvalError('an array given by a lambda', 'unbounded-quantifier');
      case 'quant': {
        const r = rangeOf(t);
        if (!r) throw new EvalError('quantifier of an unknown shape', 'unbounded-quantifier');
        const lo = signedOf(r.lo, go(r.lo, env, memo));
        const hi = signedOf(r.hi, go(r.hi, env, memo));
        if (hi - lo > MAX_RANGE) throw new EvalError('quantifier range too large to enumerate', 'unbounded-quantifier');
        const v = t.vars[0]!;
        for (let i = lo; i <= hi; i++) {
          const inner = new Map(env);
          inner.set(v.id, v.sort.kind === 'bv' ? BigInt.asUintN(v.sort.width, i) : i);
          const b = go(r.body, inner, new Map()) === true;
          if (t.q === 'forall' && !b) return false;
          if (t.q === 'exists' && b) return true;
        }
        return t.q === 'forall';
      }
    }
  };
  return go(root, new Map(), memo);
}
