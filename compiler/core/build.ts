// Small constructors for Core nodes that the elaborator synthesises (tests, temporaries,
// loop counters). They keep the generated code minimal: `true && x` is just `x`, a
// one-item Seq is its item, nested Seqs are flattened.
import type { Span } from '../syntax/ast.ts';
import { T, intType } from '../types/types.ts';
import type { Type } from '../types/types.ts';
import type { CExpr, CoreConst, PrimOp } from './core.ts';

export const TAG_TYPE: Type = intType(32, true);

export function cConst(value: CoreConst, ty: Type, span: Span): CExpr {
  return { kind: 'Const', value, ty, span };
}

export function cUnit(span: Span): CExpr {
  return cConst(null, T.unit, span);
}

export function cBool(value: boolean, span: Span): CExpr {
  return cConst(value, T.bool, span);
}

export function cInt(value: bigint | number, span: Span, ty: Type = T.int): CExpr {
  return cConst(BigInt(value), ty, span);
}

export function cVar(name: string, ty: Type, span: Span): CExpr {
  return { kind: 'Var', name, ty, span };
}

export function cLet(name: string, mutable: boolean, init: CExpr, body: CExpr, span: Span): CExpr {
  return { kind: 'Let', name, mutable, init, body, ty: body.ty, span };
}

/** Sequence; the value is the last item's. Flattens nested Seqs and drops unit constants
 *  that are not last (they do nothing). */
export function cSeq(items: CExpr[], span: Span): CExpr {
  const flat: CExpr[] = [];
  for (const it of items) {
    if (it.kind === 'Seq') flat.push(...it.items);
    else flat.push(it);
  }
  const kept = flat.filter((it, i) => i === flat.length - 1 || !(it.kind === 'Const' && it.value === null));
  if (kept.length === 0) return cUnit(span);
  if (kept.length === 1) return kept[0]!;
  return { kind: 'Seq', items: kept, ty: kept[kept.length - 1]!.ty, span };
}

export function cIf(cond: CExpr, then: CExpr, els: CExpr, ty: Type, span: Span): CExpr {
  return { kind: 'If', cond, then, else: els, ty, span };
}

export function isTrue(e: CExpr): boolean {
  return e.kind === 'Const' && e.value === true;
}

/** Short-circuit and; `null` stands for "no test" (true). */
export function cAnd(a: CExpr | null, b: CExpr | null, span: Span): CExpr | null {
  if (a === null || isTrue(a)) return b;
  if (b === null || isTrue(b)) return a;
  return cIf(a, b, cBool(false, span), T.bool, span);
}

/** Short-circuit or; `null` is true, so the whole is true. */
export function cOr(a: CExpr | null, b: CExpr | null, span: Span): CExpr | null {
  if (a === null || b === null || isTrue(a) || isTrue(b)) return null;
  return cIf(a, cBool(true, span), b, T.bool, span);
}

export function cPrim(op: PrimOp, args: CExpr[], ty: Type, span: Span, math = false): CExpr {
  return { kind: 'Prim', op, args, math, obs: [], ty, span };
}

export function cNot(a: CExpr, span: Span): CExpr {
  return cPrim('not', [a], T.bool, span);
}

export function cEq(a: CExpr, b: CExpr, span: Span): CExpr {
  return cPrim('eq', [a, b], T.bool, span);
}

/** Expressions that may be evaluated twice or out of order without any difference:
 *  constants, variables and projections of them. */
export function isPure(e: CExpr): boolean {
  switch (e.kind) {
    case 'Const':
    case 'Var':
    case 'Static':
      return true;
    case 'TupleGet':
      return isPure(e.tuple);
    case 'RecordGet':
      return isPure(e.record);
    case 'CaseField':
    case 'CaseTag':
      return isPure(e.value);
    default:
      return false;
  }
}
