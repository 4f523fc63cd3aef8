// Semantic actions for patterns.
import type { ActionDict, Node as OhmNode } from 'ohm-js';
import type { Expr, Literal, Pattern, Span } from './ast.ts';
import { ast, cur, fail, iter, list, spanOf } from './buildContext.ts';
import { SUFFIX_TYPE } from './literals.ts';

export function unitPattern(span: Span): Pattern {
  return { kind: 'PLit', span, lit: { kind: 'LUnit', span } };
}

/** `C (a, b)` passes two fields; the checker re-tuples when C has a single tuple field. */
function casePattern(name: string, args: Pattern[], span: Span, argsNode: OhmNode): Pattern {
  if (args.length > 1) fail(argsNode, `a union case takes its fields in parentheses: ${name} (a, b)`);
  const a = args[0];
  const fields = a === undefined ? [] : a.kind === 'PTuple' ? a.items : [a];
  return { kind: 'PCase', span, name, args: fields };
}

function isCaseName(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  return name.includes('.') || (last[0] !== undefined && last[0] >= 'A' && last[0] <= 'Z');
}

function checkIntLiteralMessage(l: Literal): string {
  return l.kind === 'LInt' ? `this number is outside the range of type ${SUFFIX_TYPE[l.suffix].name}` : 'number out of range';
}

export const patternActions = {
  // ---- Patterns ----
  Pattern(pat, _as, name) {
    const p: Pattern = ast(pat);
    if (name.numChildren === 0) return p;
    const r: Pattern = { kind: 'PAs', span: spanOf(this), pat: p, name: name.children[0]!.sourceString };
    return r;
  },
  OrPattern(first, _bars, rest) {
    if (rest.numChildren === 0) return ast(first);
    const r: Pattern = { kind: 'POr', span: spanOf(this), alts: [ast(first), ...iter(rest)] };
    return r;
  },
  TuplePattern(first, _commas, rest) {
    if (rest.numChildren === 0) return ast(first);
    const r: Pattern = { kind: 'PTuple', span: spanOf(this), items: [ast(first), ...iter(rest)] };
    return r;
  },
  AppPattern_case(name, args) {
    return casePattern(ast(name).name, iter(args), spanOf(this), args);
  },
  AtomPattern_wild(_w) {
    const p: Pattern = { kind: 'PWild', span: spanOf(this) };
    return p;
  },
  AtomPattern_neg(lit) {
    const e: Expr = ast(lit);
    const p: Pattern = { kind: 'PLit', span: e.span, lit: (e as Expr & { kind: 'Lit' }).lit };
    return p;
  },
  AtomPattern_lit(lit) {
    const e: Expr = ast(lit);
    const l = (e as Expr & { kind: 'Lit' }).lit;
    if (cur().negateOnly.delete(e)) fail(this, checkIntLiteralMessage(l));
    const p: Pattern = { kind: 'PLit', span: e.span, lit: l };
    return p;
  },
  AtomPattern_annot(_o, pat, _colon, type, _c) {
    const p: Pattern = { kind: 'PAnnot', span: spanOf(this), pat: ast(pat), type: ast(type) };
    return p;
  },
  AtomPattern_paren(_o, pat, _c) {
    const p: Pattern = ast(pat);
    if (p.kind === 'PTuple') p.span = spanOf(this);
    return p;
  },
  AtomPattern_record(_o, fields, _sep, _c) {
    const p: Pattern = { kind: 'PRecord', span: spanOf(this), fields: list(fields) };
    return p;
  },
  AtomPattern_name(name) {
    const n: string = ast(name).name;
    const span = spanOf(this);
    // Capitalised names are union cases (`None`, `Red`), others bind variables: the F# convention.
    const p: Pattern = isCaseName(n) ? { kind: 'PCase', span, name: n, args: [] } : { kind: 'PVar', span, name: n };
    return p;
  },
  FieldPattern(name, _eq, pat) {
    return { name: ast(name).name, span: spanOf(this), pat: ast(pat) };
  },

} satisfies ActionDict<unknown>;
