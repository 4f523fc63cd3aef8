// Patterns: each is checked against the type of the value it matches, binds its variables
// (with fresh uids) into a map the caller turns into a scope, and is annotated in place.
// Normalisations (in place), so the elaborator sees one shape:
//  - a `PVar` naming a union case without payload (`None`, `Red`) becomes a `PCase`, and a
//    `PCase` with a capitalised name that is no case becomes a `PVar` (with a warning), as F#;
//  - a `PCase`'s `args` always line up with the case's fields: `C (x, y)` has args [x, y],
//    `Some (x, y)` has one PTuple arg, and `C _` on a case with several fields has one `_`
//    per field.
import type { Pattern, Span } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import type { Checker, Env, LocalInfo } from './context.ts';
import { newUid } from './context.ts';
import { fresh, prune, show, unify } from './infer.ts';
import { literalType, suffixFor } from './literals.ts';
import { instantiateCase, lookupCase, recordByFields } from './lookup.ts';
import { didYouMean } from './suggest.ts';
import { resolveTypeExpr } from './typedecls.ts';
import type { Type } from './types.ts';

export type Bindings = Map<string, LocalInfo>;

/** Checks `p` against `expected`, adding its variables to `out`. In the second and later
 *  alternatives of an or-pattern, `reuse` holds the first alternative's variables: the
 *  same name gets the same uid (the body sees one variable). */
export function checkPattern(cx: Checker, env: Env, p: Pattern, expected: Type, out: Bindings, reuse: Bindings | null = null): void {
  p.ty = expected;
  switch (p.kind) {
    case 'PWild':
      return;
    case 'PVar': {
      if (p.name === '_') {
        // Some parser paths give `_` as a variable; it is the wildcard.
        (p as unknown as { kind: string }).kind = 'PWild';
        delete (p as { name?: string }).name;
        return;
      }
      if (/^[A-Z]/.test(p.name) && lookupCase(cx, p.name)) {
        const asCase = p as unknown as Pattern & { kind: 'PCase' };
        asCase.kind = 'PCase';
        asCase.args = [];
        delete (p as { uid?: string }).uid;
        checkPattern(cx, env, asCase, expected, out, reuse);
        return;
      }
      p.uid = bind(cx, env, p.name, p.span, expected, out, reuse);
      return;
    }
    case 'PAs':
      checkPattern(cx, env, p.pat, expected, out, reuse);
      p.uid = bind(cx, env, p.name, p.span, expected, out, reuse);
      return;
    case 'PAnnot': {
      const t = resolveTypeExpr(cx.ts, p.type);
      unify(cx.s, t, expected, p.span);
      checkPattern(cx, env, p.pat, t, out, reuse);
      return;
    }
    case 'PLit': {
      const t = literalType(p.lit);
      unifyLit(cx, expected, t, p.span, p.lit.kind === 'LInt' && p.lit.suffix === '' ? p.lit.value : null);
      return;
    }
    case 'PTuple': {
      const elems = p.items.map(() => fresh(cx.s));
      unify(cx.s, expected, { kind: 'tuple', elems }, p.span);
      p.items.forEach((item, i) => checkPattern(cx, env, item, elems[i]!, out, reuse));
      return;
    }
    case 'PCase':
      return checkCasePattern(cx, env, p, expected, out, reuse);
    case 'PRecord': {
      const known = prune(cx.s, expected);
      const info =
        known.kind === 'record'
          ? cx.ts.table.records.get(known.name)!
          : recordByFields(cx, p.fields.map((f) => f.name), p.span, p.fields.map((f) => f.span));
      unify(cx.s, expected, { kind: 'record', name: info.name }, p.span);
      const seen = new Set<string>();
      for (const f of p.fields) {
        const field = info.fields.find((x) => x.name === f.name);
        if (!field) throw errorAt(f.span, `unknown field ${f.name}: record ${info.name} has no field ${f.name}${didYouMean(f.name, info.fields.map((x) => x.name))}`);
        if (seen.has(f.name)) throw errorAt(f.span, `field ${f.name} appears twice in this pattern`);
        seen.add(f.name);
        checkPattern(cx, env, f.pat, field.ty, out, reuse);
      }
      return;
    }
    case 'POr': {
      const first: Bindings = new Map();
      p.alts.forEach((alt, i) => {
        const mine: Bindings = i === 0 ? first : new Map();
        checkPattern(cx, env, alt, expected, mine, i === 0 ? reuse : first);
        if (i > 0) {
          const a = [...first.keys()].sort().join(', ');
          const b = [...mine.keys()].sort().join(', ');
          if (a !== b) {
            throw errorAt(alt.span, `the alternatives of an or-pattern must bind the same variables (${a || 'none'} vs ${b || 'none'})`);
          }
        }
      });
      for (const [name, info] of first) {
        if (out.has(name)) throw errorAt(info.span, `${name} is bound twice in this pattern`);
        out.set(name, info);
      }
      return;
    }
  }
}

function bind(cx: Checker, env: Env, name: string, span: Span, ty: Type, out: Bindings, reuse: Bindings | null): string {
  if (out.has(name)) throw errorAt(span, `${name} is bound twice in this pattern`);
  const prev = reuse?.get(name);
  if (prev) {
    unify(cx.s, prev.ty, ty, span);
    out.set(name, prev);
    return prev.uid;
  }
  const info: LocalInfo = { name, uid: newUid(cx, name), ty, mutable: false, fnId: env.fnId, arity: null, span };
  out.set(name, info);
  return info.uid;
}

/** Unifies a literal's type with what is expected, hinting at the literal suffix. */
export function unifyLit(cx: Checker, expected: Type, found: Type, span: Span, unsuffixed: bigint | null, otherHint = ''): void {
  const e = prune(cx.s, expected);
  const suffix = suffixFor(e);
  const hint =
    unsuffixed !== null && suffix !== null && suffix !== ''
      ? ` (write ${unsuffixed}${suffix} for a ${show(cx.s, e)} literal; Clef converts nothing implicitly)`
      : otherHint;
  unify(cx.s, expected, found, span, hint);
}

function checkCasePattern(
  cx: Checker,
  env: Env,
  p: Pattern & { kind: 'PCase' },
  expected: Type,
  out: Bindings,
  reuse: Bindings | null,
): void {
  const found = lookupCase(cx, p.name);
  if (!found && p.args.length === 0 && !p.name.includes('.')) {
    // F# binds an unknown capitalised name as a variable, with a warning (it is often a typo).
    cx.warnings.push({
      severity: 'warning',
      span: p.span,
      message: `${p.name} is not a union case, so this pattern binds a variable named ${p.name}${didYouMean(p.name, cx.ts.caseIndex.keys())}`,
    });
    const asVar = p as unknown as Pattern & { kind: 'PVar' };
    asVar.kind = 'PVar';
    delete (p as { args?: Pattern[] }).args;
    checkPattern(cx, env, asVar, expected, out, reuse);
    return;
  }
  if (!found) throw errorAt(p.span, unknownCaseMessage(cx, p.name));
  const { union, fields } = instantiateCase(cx, found);
  unify(cx.s, expected, union, p.span);
  p.res = found.ref;
  const n = fields.length;
  let args = p.args;
  if (n === 0 && args.length > 0) throw errorAt(p.span, `union case ${found.ref.caseName} has no payload`);
  if (n > 0 && args.length === 0) {
    throw errorAt(p.span, `union case ${found.ref.caseName} has a payload: write ${found.ref.caseName} ${n === 1 ? 'x' : `(${fields.map((_, i) => `x${i + 1}`).join(', ')})`} or ${found.ref.caseName} _`);
  }
  // The parser passes `C (a, b)` as two arguments: a single field of a tuple type takes them back.
  if (n === 1 && args.length > 1) args = [{ kind: 'PTuple', span: p.span, items: args }];
  if (n > 1 && args.length === 1) {
    const a = args[0]!;
    if (a.kind === 'PTuple' && a.items.length === n) args = a.items;
    else if (a.kind === 'PWild' || (a.kind === 'PVar' && a.name === '_')) args = fields.map(() => ({ kind: 'PWild', span: a.span }));
  }
  if (args.length !== n) {
    throw errorAt(p.span, `union case ${found.ref.caseName} has ${n} field${n === 1 ? '' : 's'} but the pattern gives ${args.length}`);
  }
  p.args = args;
  args.forEach((a, i) => checkPattern(cx, env, a, fields[i]!, out, reuse));
}

export function unknownCaseMessage(cx: Checker, name: string): string {
  return `unknown union case ${name}${didYouMean(name, cx.ts.caseIndex.keys())}`;
}
