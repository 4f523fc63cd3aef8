// Pattern matching compiled to a chain of tests. The scrutinee is evaluated once into a
// variable; each clause becomes `if <test> then <bindings; body> else <next clause>`,
// where the test is a short-circuit conjunction over the scrutinee's parts (CaseTag, then
// CaseField/TupleGet/RecordGet of that part, comparisons with literals), so a field is
// only read after its tag was checked. Bindings are pure projections, so a guard gets its
// own copy of them inside the test (`test && (let x = ... in guard)`) and no clause body
// is ever duplicated: the Core is linear in the size of the match.
// The chain ends in `Fail` with a `match-exhaustive` obligation unless exhaustiveness is
// proved (exhaustive.ts); then the covering clause needs no test and later ones are dropped.
import type { Expr, Literal, Pattern, Span } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import { T, caseFieldTypes } from '../types/types.ts';
import type { Type, TypeTable } from '../types/types.ts';
import { cAnd, cBool, cConst, cEq, cIf, cLet, cNot, cOr, cVar, TAG_TYPE } from './build.ts';
import { bind, local, ob } from './context.ts';
import type { Env, FnCtx } from './context.ts';
import type { CExpr, CoreConst } from './core.ts';
import { elabExpr } from './elab-expr.ts';
import { originOf } from './elab-memory.ts';
import { coveringClause, toSPat } from './exhaustive.ts';
import { caseArgPatterns, caseOfPattern, unwrapPattern } from './patterns.ts';
import { recordFields } from './type-util.ts';

export type Clause = { pat: Pattern; guard: Expr | null; body: (env: Env) => CExpr; span: Span };

type Binding = { src: string; expr: CExpr; span: Span };

export function compileMatch(ctx: FnCtx, env: Env, scrut: CExpr, clauses: Clause[], resultTy: Type, span: Span): CExpr {
  const table = ctx.prog.types;
  let subject = scrut;
  let named: string | null = null;
  if (!(scrut.kind === 'Var' && ctx.varOf.get(scrut.name)?.mutable === false)) {
    named = local(ctx, 'm', scrut.ty, false, originOf(ctx, scrut)).name;
    subject = cVar(named, scrut.ty, scrut.span);
  }
  const cover = coveringClause(
    clauses.map((c) => toSPat(table, c.pat, scrut.ty)),
    clauses.map((c) => c.guard !== null),
  );
  const last = cover >= 0 ? cover : clauses.length - 1;
  // Clauses are elaborated in source order (names and obligation ids follow the source),
  // then chained from the last one.
  const arms: { test: CExpr | null; body: CExpr; span: Span }[] = [];
  for (let i = 0; i <= last; i++) {
    const c = clauses[i]!;
    const binds = bindings(table, c.pat, subject);
    let test = i === cover ? null : testOf(table, c.pat, subject);
    if (c.guard && i !== cover) {
      const guard = c.guard;
      test = cAnd(test, withBindings(ctx, env, binds, (env2) => elabExpr(ctx, env2, guard)), c.span);
    }
    arms.push({ test, body: withBindings(ctx, env, binds, c.body), span: c.span });
  }
  let chain: CExpr = cover >= 0 ? arms.pop()!.body : { kind: 'Fail', obs: [ob(ctx, 'match-exhaustive', span)], ty: resultTy, span };
  for (let i = arms.length - 1; i >= 0; i--) {
    const a = arms[i]!;
    chain = a.test === null ? a.body : cIf(a.test, a.body, chain, resultTy, a.span);
  }
  return named === null ? chain : cLet(named, false, scrut, chain, span);
}

/** Binds each pattern variable to its projection (a fresh Core name per use, since guard
 *  and body each get their own copy) and elaborates the rest in the extended scope. */
function withBindings(ctx: FnCtx, env: Env, binds: Binding[], k: (env: Env) => CExpr): CExpr {
  let inner = env;
  const names: string[] = [];
  for (const b of binds) {
    const { v, name } = local(ctx, b.src, b.expr.ty, false, originOf(ctx, b.expr));
    inner = bind(inner, b.src, { kind: 'var', v });
    names.push(name);
  }
  let body = k(inner);
  for (let i = binds.length - 1; i >= 0; i--) body = cLet(names[i]!, false, binds[i]!.expr, body, binds[i]!.span);
  return body;
}

export function litConst(lit: Literal, ty: Type): CoreConst {
  switch (lit.kind) {
    case 'LInt':
      if (ty.kind === 'float') return Number(lit.value);
      return ty.kind === 'int' ? (ty.signed ? BigInt.asIntN(ty.bits, lit.value) : BigInt.asUintN(ty.bits, lit.value)) : lit.value;
    case 'LFloat':
      return lit.single ? Math.fround(lit.value) : lit.value;
    case 'LBool':
      return lit.value;
    case 'LChar':
      return BigInt(lit.value);
    case 'LString':
      return lit.value;
    case 'LUnit':
      return null;
  }
}

function tupleGet(t: CExpr, index: number, span: Span): CExpr {
  const ty = t.ty.kind === 'tuple' ? t.ty.elems[index]! : T.unit;
  return { kind: 'TupleGet', tuple: t, index, ty, span };
}

function caseParts(table: TypeTable, p: Pattern & { kind: 'PCase' | 'PVar' }, acc: CExpr) {
  const c = caseOfPattern(table, p, acc.ty)!;
  const ftys = caseFieldTypes(table, acc.ty, c.info.name);
  const args = p.kind === 'PCase' ? caseArgPatterns(p, ftys.length) : [];
  const tag = c.info.tag;
  const fields = args.map((a, i): [Pattern, CExpr] => [a, { kind: 'CaseField', value: acc, tag, index: i, ty: ftys[i]!, span: a.span }]);
  const tagTest =
    c.union.cases.length === 1
      ? null
      : cEq({ kind: 'CaseTag', value: acc, ty: TAG_TYPE, span: p.span }, cConst(BigInt(tag), TAG_TYPE, p.span), p.span);
  return { tagTest, fields };
}

function recordParts(table: TypeTable, p: Pattern & { kind: 'PRecord' }, acc: CExpr): [Pattern, CExpr][] {
  const fields = recordFields(table, acc.ty);
  return p.fields.map((f): [Pattern, CExpr] => {
    const index = fields.findIndex((d) => d.name === f.name);
    if (index < 0) throw errorAt(f.span, `the record ${acc.ty.kind === 'record' ? acc.ty.name : ''} has no field ${f.name}`);
    return [f.pat, { kind: 'RecordGet', record: acc, index, ty: fields[index]!.ty, span: f.span }];
  });
}

/** The condition under which `p` matches the value `acc` (null: always). */
export function testOf(table: TypeTable, p0: Pattern, acc: CExpr): CExpr | null {
  const p = unwrapPattern(p0);
  switch (p.kind) {
    case 'PWild':
      return null;
    case 'PVar':
      return caseOfPattern(table, p, acc.ty) ? caseParts(table, p, acc).tagTest : null;
    case 'PAs':
      return testOf(table, p.pat, acc);
    case 'PLit': {
      if (p.lit.kind === 'LUnit') return null;
      if (p.lit.kind === 'LBool') return p.lit.value ? acc : cNot(acc, p.span);
      return cEq(acc, cConst(litConst(p.lit, acc.ty), acc.ty, p.span), p.span);
    }
    case 'PTuple':
      return p.items.reduce<CExpr | null>((t, it, i) => cAnd(t, testOf(table, it, tupleGet(acc, i, it.span)), p.span), null);
    case 'PCase': {
      const { tagTest, fields } = caseParts(table, p, acc);
      return fields.reduce<CExpr | null>((t, [fp, fe]) => cAnd(t, testOf(table, fp, fe), p.span), tagTest);
    }
    case 'PRecord':
      return recordParts(table, p, acc).reduce<CExpr | null>((t, [fp, fe]) => cAnd(t, testOf(table, fp, fe), p.span), null);
    case 'POr':
      return p.alts.reduce<CExpr | null>((t, a, i) => (i === 0 ? testOf(table, a, acc) : cOr(t, testOf(table, a, acc), p.span)), cBool(false, p.span));
    case 'PAnnot':
      return testOf(table, p.pat, acc);
  }
}

/** The variables `p` binds, each with the projection of `acc` it names. In an or-pattern a
 *  variable's projection depends on the alternative that matched: `if test1 then proj1 else
 *  proj2`. */
function bindings(table: TypeTable, p0: Pattern, acc: CExpr): Binding[] {
  const p = unwrapPattern(p0);
  switch (p.kind) {
    case 'PWild':
    case 'PLit':
      return [];
    case 'PVar':
      return caseOfPattern(table, p, acc.ty) ? [] : [{ src: p.name, expr: acc, span: p.span }];
    case 'PAs':
      return [...bindings(table, p.pat, acc), { src: p.name, expr: acc, span: p.span }];
    case 'PTuple':
      return p.items.flatMap((it, i) => bindings(table, it, tupleGet(acc, i, it.span)));
    case 'PCase':
      return caseParts(table, p, acc).fields.flatMap(([fp, fe]) => bindings(table, fp, fe));
    case 'PRecord':
      return recordParts(table, p, acc).flatMap(([fp, fe]) => bindings(table, fp, fe));
    case 'POr': {
      const alts = p.alts.map((a) => ({ test: testOf(table, a, acc), binds: bindings(table, a, acc) }));
      const first = alts[0]?.binds ?? [];
      return first.map((b) => {
        const projs = alts.map((a) => {
          const found = a.binds.find((x) => x.src === b.src);
          if (!found) throw errorAt(p.span, `the alternatives of this or-pattern must bind the same names (${b.src} is missing)`);
          return found.expr;
        });
        let expr = projs[projs.length - 1]!;
        for (let i = alts.length - 2; i >= 0; i--) {
          const t = alts[i]!.test;
          expr = t === null ? projs[i]! : cIf(t, projs[i]!, expr, b.expr.ty, p.span);
        }
        return { src: b.src, expr, span: b.span };
      });
    }
    case 'PAnnot':
      return bindings(table, p.pat, acc);
  }
}
