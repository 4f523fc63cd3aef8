// F#'s operator precedence, applied to the flat operand/operator list of the grammar's
// `Expr` rule.
import type { BinaryOp, Expr } from './ast.ts';
import { join } from './buildContext.ts';

/** F#'s precedence levels (higher binds tighter) and associativity of the infix operators. */
const PRECEDENCE: Record<string, { level: number; right: boolean }> = {
  '<-': { level: 0, right: true },
  ',': { level: 1, right: false },
  '||': { level: 2, right: false },
  '&&': { level: 3, right: false },
  '=': { level: 4, right: false }, '<>': { level: 4, right: false }, '<': { level: 4, right: false },
  '<=': { level: 4, right: false }, '>': { level: 4, right: false }, '>=': { level: 4, right: false },
  '|>': { level: 4, right: false }, '|||': { level: 4, right: false }, '&&&': { level: 4, right: false },
  '<<<': { level: 4, right: false }, '>>>': { level: 4, right: false },
  '^^^': { level: 5, right: true },
  '+': { level: 6, right: false }, '-': { level: 6, right: false },
  '*': { level: 7, right: false }, '/': { level: 7, right: false }, '%': { level: 7, right: false },
};

/** Operator-precedence parsing of `e0 op1 e1 op2 e2 ...` (shunting-yard). `,` builds one
 *  n-ary tuple, `<-` an assignment. */
export function precedence(operands: Expr[], ops: string[]): Expr {
  const out: Expr[] = [operands[0]!];
  const pending: string[] = [];
  const tuples = new Set<Expr>(); // tuples built here, still open to more items
  const reduce = () => {
    const right = out.pop()!;
    const left = out.pop()!;
    const op = pending.pop()!;
    const span = join(left.span, right.span);
    if (op === ',') {
      if (tuples.has(left) && left.kind === 'Tuple') {
        left.items.push(right);
        left.span = span;
        out.push(left);
        return;
      }
      const t: Expr = { kind: 'Tuple', span, items: [left, right] };
      tuples.add(t);
      out.push(t);
    } else if (op === '<-') {
      out.push({ kind: 'Assign', span, target: left, value: right });
    } else {
      out.push({ kind: 'Binary', span, op: op as BinaryOp, left, right });
    }
  };
  ops.forEach((op, k) => {
    const p = PRECEDENCE[op]!;
    while (pending.length > 0) {
      const q = PRECEDENCE[pending[pending.length - 1]!]!;
      if (q.level > p.level || (q.level === p.level && !p.right)) reduce();
      else break;
    }
    pending.push(op);
    out.push(operands[k + 1]!);
  });
  while (pending.length > 0) reduce();
  return out[0]!;
}
