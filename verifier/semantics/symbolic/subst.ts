// Substitution of variables in terms (rebuilt through the factory, so folding applies and
// sharing is kept): used to skolemize the existential of a check made under a quantifier —
// violation conditions occur only positively in queries, so `exists i. P(i)` may be replaced
// by P(k) for a fresh constant k, which solvers handle far better than a nested binder.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';

export function substitute(F: TermFactory, t: Term, map: Map<number, Term>): Term {
  const memo = new Map<number, Term>();
  const go = (x: Term): Term => {
    const hit = memo.get(x.id);
    if (hit) return hit;
    let r: Term;
    switch (x.kind) {
      case 'var':
        r = map.get(x.id) ?? x;
        break;
      case 'app': {
        const args = x.args.map(go);
        r = args.every((a, i) => a === x.args[i]) ? x : F.app(x.op as Parameters<TermFactory['app']>[0], args, x.indices);
        break;
      }
      case 'quant': {
        const body = go(x.body);
        r = body === x.body ? x : F.quant(x.q, x.vars, body);
        break;
      }
      case 'constArray': {
        const v = go(x.value);
        r = v === x.value ? x : F.constArray((x.sort as { index: Term['sort'] }).index, v);
        break;
      }
      default:
        r = x;
    }
    memo.set(x.id, r);
    return r;
  };
  return go(t);
}
