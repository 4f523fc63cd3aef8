// Automatic loop invariant candidates (for Houdini, in prove.ts): simple intervals for the
// integer variables a loop changes — bounds by their value on entry (`i >= i@entry`), sign,
// and the comparisons the loop itself makes (`i <= n`, `i < n`, `i <= n + 1`...; the counter
// of a `for` loop is compared with its end, so `i <= i_end` is among them). Candidates are
// only hypotheses: each must be proved initially true and preserved before anything uses it.
import type { CExpr, CoreFn } from '../../compiler/core/core.ts';
import { forEachNode } from '../../compiler/core/walk.ts';
import type { Term } from '../smt/term.ts';
import type { Candidate, State } from '../semantics/symbolic/context.ts';
import { loopKey } from '../semantics/symbolic/context.ts';
import type { SymIntDomain } from '../semantics/symbolic/domain.ts';
import { assignedOutside, loopParts } from '../semantics/symbolic/loop-effects.ts';
import { intWidth } from '../semantics/symbolic/values.ts';

const MAX_PER_LOOP = 24;

/** A side of a comparison, evaluated at a loop head: a variable, a span's length, a constant. */
type Operand = { text: string; at: (st: State, D: SymIntDomain) => Term | null };

function operandOf(e: CExpr): Operand | null {
  switch (e.kind) {
    case 'Var':
      return {
        text: e.name,
        at: (st, D) => {
          const v = st.env.get(e.name);
          return v && v.k === 'int' ? D.cast(v.t, v.w, 'math') : null;
        },
      };
    case 'SpanLength':
      if (e.source.kind !== 'Var') return null;
      {
        const s = e.source.name;
        return {
          text: `${s}.Length`,
          at: (st, D) => {
            const v = st.env.get(s);
            return v && v.k === 'span' ? D.cast(v.len, { bits: 64, signed: true }, 'math') : null;
          },
        };
      }
    case 'Const':
      if (typeof e.value !== 'bigint') return null;
      {
        const n = e.value;
        return { text: String(n), at: (_st, D) => D.lit(n, 'math') };
      }
    default:
      return null;
  }
}

export function loopCandidates(fn: CoreFn, D: SymIntDomain): Map<string, Candidate[]> {
  const out = new Map<string, Candidate[]>();
  const types = new Map(fn.params.map((p) => [p.name, p.ty]));
  forEachNode(fn.body, (e) => {
    if (e.kind === 'Let') types.set(e.name, e.init.ty);
  });
  forEachNode(fn.body, (loop) => {
    // a loop with the user's invariants is verified with those (candidates cost queries)
    if (loop.kind !== 'While' || loop.invariants.length > 0) return;
    const key = loopKey(loop.span);
    const list: Candidate[] = [];
    const seen = new Set<string>();
    const add = (text: string, make: Candidate['make']) => {
      if (seen.has(text) || list.length >= MAX_PER_LOOP) return;
      seen.add(text);
      list.push({ loop: key, index: list.length, text, make });
    };
    const mutated = assignedOutside(loopParts(loop)).filter((n) => {
      const t = types.get(n);
      return t !== undefined && intWidth(t) !== null;
    });
    const valueAt = (name: string) => (st: State) => {
      const v = st.env.get(name);
      return v && v.k === 'int' ? D.cast(v.t, v.w, 'math') : null;
    };
    for (const x of mutated) {
      const now = valueAt(x);
      const w = intWidth(types.get(x)!)!;
      add(`${x} >= ${x}@entry`, (st, entry) => {
        const a = now(entry);
        const b = now(st);
        return a && b ? D.le(a, b, 'math') : null;
      });
      add(`${x} <= ${x}@entry`, (st, entry) => {
        const a = now(entry);
        const b = now(st);
        return a && b ? D.le(b, a, 'math') : null;
      });
      if (w !== 'math' && w.signed) {
        add(`${x} >= 0`, (st) => {
          const b = now(st);
          return b ? D.le(D.lit(0n, 'math'), b, 'math') : null;
        });
      }
    }
    // comparisons the loop makes between a changed variable and something else
    const compare = (e: CExpr) => {
      if (e.kind !== 'Prim' || !['lt', 'le', 'gt', 'ge', 'eq', 'ne'].includes(e.op) || e.args.length !== 2) return;
      const [a, b] = e.args as [CExpr, CExpr];
      for (const [x, y] of [[a, b], [b, a]] as const) {
        if (x.kind !== 'Var' || !mutated.includes(x.name)) continue;
        const other = operandOf(y);
        if (!other) continue;
        const X = valueAt(x.name);
        const rel = (text: string, f: (u: Term, v: Term) => Term) =>
          add(`${x.name} ${text} ${other.text}`, (st) => {
            const u = X(st);
            const v = other.at(st, D);
            return u && v ? f(u, v) : null;
          });
        const one = D.lit(1n, 'math');
        rel('<=', (u, v) => D.le(u, v, 'math'));
        rel('<', (u, v) => D.lt(u, v, 'math'));
        rel('>=', (u, v) => D.le(v, u, 'math'));
        rel('>', (u, v) => D.lt(v, u, 'math'));
        rel('<= 1 +', (u, v) => D.le(u, D.add(v, one, 'math'), 'math'));
        rel('>= -1 +', (u, v) => D.le(D.sub(v, one, 'math'), u, 'math'));
      }
    };
    for (const part of loopParts(loop)) forEachNode(part, compare);
    if (list.length) out.set(key, list);
  });
  return out;
}
