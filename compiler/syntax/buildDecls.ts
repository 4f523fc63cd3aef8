// Semantic actions for declarations and types: top-level items, `let` bindings and their
// parameters, attributes (contract strings are parsed as expressions in place), type
// declarations and type expressions.
import type { ActionDict, Node as OhmNode } from 'ohm-js';
import { errorAt } from '../diagnostics.ts';
import type { Attribute, Binding, Decl, Expr, Literal, Param, Pattern, Program, Span, TypeDecl, TypeExpr, UnionCaseDecl } from './ast.ts';
import { ast, cur, fail, iter, join, list, opt, spanOf } from './buildContext.ts';
import { unitPattern } from './buildPatterns.ts';

const CONTRACT_ATTRIBUTES = new Set(['Requires', 'Ensures']);

/** Attributes written before a binding belong to it, and so does their text. */
export function attachAttributes(b: Binding, attrs: Attribute[]): void {
  if (attrs.length === 0) return;
  b.attrs = attrs;
  b.span = { ...attrs[0]!.span, end: b.span.end };
}

/** What a top-level item builds: a `module` or `open` line, a declaration or a group of types. */
export type TopValue = { kind: 'module'; name: string } | { kind: 'open'; name: string } | Decl | Decl[];

/** The Program of a file's top-level items, in order. */
export function assembleProgram(items: { node: OhmNode | null; span?: Span; value: TopValue }[]): Program {
  let module: string | null = null;
  const opens: string[] = [];
  const decls: Decl[] = [];
  items.forEach(({ node, span, value }, k) => {
    if (Array.isArray(value)) decls.push(...value);
    else if (value.kind === 'module') {
      if (k !== 0) throw errorAt(span ?? spanOf(node!), '`module` must be the first declaration of the file');
      module = value.name;
    } else if (value.kind === 'open') opens.push(value.name);
    else decls.push(value);
  });
  return { kind: 'Program', span: cur().span(0, cur().length), module, opens, decls };
}

/** A contract string, parsed as an expression where it stands in the file. Offsets are
 *  exact when the string has no escapes (the usual case); after an escape they drift by the
 *  escape's extra characters but stay inside the string. */
function contractExpr(argsNode: OhmNode, s: Literal & { kind: 'LString' }): Expr {
  const { toOriginal } = cur().layout;
  // argsNode is `( "..." )`: the string starts after the parenthesis and any blanks.
  const text = cur().layout.text;
  let a = argsNode.source.startIdx + cur().base + 1;
  while (a < argsNode.source.endIdx + cur().base && text[a] !== '"' && text[a] !== '@') a++;
  const quote = text[a] === '@' || text.startsWith('"""', a) ? (text[a] === '@' ? 2 : 3) : 1;
  return cur().nested(s.value, toOriginal(a) + quote, s.span);
}


export const declActions = {
  // ---- Files and declarations ----
  Program(items, _sep, _end) {
    return assembleProgram(items.asIteration().children.map((item) => ({ node: item, value: ast(item) })));
  },
  ModuleDecl(_m, name) {
    return { kind: 'module', name: ast(name).name };
  },
  OpenDecl(_o, name) {
    return { kind: 'open', name: ast(name).name };
  },
  LetDecl(attrs, _let, rec, first, rest) {
    const bindings: Binding[] = [ast(first), ...iter(rest)];
    attachAttributes(bindings[0]!, ast(attrs));
    const span = spanOf(this);
    return { kind: 'LetDecl', span, rec: rec.numChildren > 0, bindings };
  },
  AndBinding(_and, attrs, binding) {
    const b: Binding = ast(binding);
    attachAttributes(b, ast(attrs));
    return b;
  },
  Attributes(groups) {
    return iter(groups).flat();
  },
  AttributeGroup(_open, attrs, _sep, _close) {
    return list(attrs);
  },
  Attribute(name, args) {
    const span = spanOf(this);
    const n: string = ast(name).name;
    const literals: Literal[] = opt(args) ?? [];
    let contract: Expr | null = null;
    if (CONTRACT_ATTRIBUTES.has(n)) {
      const s = literals[0];
      if (literals.length !== 1 || s?.kind !== 'LString') {
        throw errorAt(span, `${n} takes one string holding a boolean expression: [<${n}("...")>]`);
      }
      contract = contractExpr(args.children[0]!, s);
    }
    const a: Attribute = { kind: 'Attribute', span, name: n, args: literals, contract };
    return a;
  },
  AttributeArgs(_o, args, _c) {
    return list(args).map((e: Expr | Literal) => ('lit' in e ? e.lit : e));
  },
  AttributeArg(a) {
    const l = ast(a);
    return l.kind === 'Lit' ? l.lit : l;
  },

  Binding(mutable, head, ret, _eq, body) {
    const h: { pat: Pattern; params: Param[] | null } = ast(head);
    if (mutable.numChildren > 0 && h.params !== null) fail(mutable, 'a function cannot be `mutable`');
    const b: Binding = {
      kind: 'Binding',
      span: spanOf(this),
      attrs: [],
      mutable: mutable.numChildren > 0,
      pat: h.pat,
      params: h.params,
      retType: opt(ret),
      body: ast(body),
    };
    return b;
  },
  BindingHead_function(name, params) {
    return { pat: { kind: 'PVar', span: spanOf(name), name: name.sourceString }, params: iter(params) };
  },
  BindingHead_value(pat) {
    let p: Pattern = ast(pat);
    // `let Pi = 3.14` binds a name: only a case with a payload is a pattern here.
    if (p.kind === 'PCase' && p.args.length === 0 && !p.name.includes('.')) p = { kind: 'PVar', span: p.span, name: p.name };
    return { pat: p, params: null };
  },
  Param_unit(_o, _c) {
    const span = spanOf(this);
    const p: Param = { kind: 'Param', span, pat: unitPattern(span), type: null };
    return p;
  },
  Param_typed(_o, pat, _colon, type, _c) {
    const p: Param = { kind: 'Param', span: spanOf(this), pat: ast(pat), type: ast(type) };
    return p;
  },
  Param_paren(_o, pat, _c) {
    const p: Param = { kind: 'Param', span: spanOf(this), pat: ast(pat), type: null };
    return p;
  },
  Param_wild(_w) {
    const span = spanOf(this);
    const p: Param = { kind: 'Param', span, pat: { kind: 'PWild', span }, type: null };
    return p;
  },
  Param_name(name) {
    const span = spanOf(this);
    const p: Param = { kind: 'Param', span, pat: { kind: 'PVar', span, name: name.sourceString }, type: null };
    return p;
  },
  ReturnType(_colon, type) {
    return ast(type);
  },

  TypeDecls(first, rest) {
    return [ast(first), ...iter(rest)];
  },
  TypeDef(attrs, _type, name, _eq, body) {
    const d: TypeDecl = { kind: 'TypeDecl', span: spanOf(this), attrs: ast(attrs), name: name.sourceString, body: ast(body) };
    return d;
  },
  AndTypeDef(_and, attrs, name, _eq, body) {
    const d: TypeDecl = { kind: 'TypeDecl', span: spanOf(this), attrs: ast(attrs), name: name.sourceString, body: ast(body) };
    return d;
  },
  TypeBody_block(_o, rhs, _c) {
    return ast(rhs);
  },
  RecordType(_o, fields, _sep, _c) {
    return { kind: 'RecordType', span: spanOf(this), fields: list(fields) };
  },
  FieldDecl(mutable, name, _colon, type) {
    if (mutable.numChildren > 0) fail(mutable, 'mutable record fields are not supported yet');
    return { name: name.sourceString, type: ast(type), span: spanOf(this) };
  },
  UnionType_many(_bar, first, _bars, rest) {
    return { kind: 'UnionType', span: spanOf(this), cases: [ast(first), ...iter(rest)] };
  },
  UnionType_barred(_bar, c) {
    return { kind: 'UnionType', span: spanOf(this), cases: [ast(c)] };
  },
  UnionType_single(name, _of, fields) {
    const c: UnionCaseDecl = { name: name.sourceString, span: spanOf(this), fields: ast(fields) };
    return { kind: 'UnionType', span: spanOf(this), cases: [c] };
  },
  UnionCase_payload(name, _of, fields) {
    const c: UnionCaseDecl = { name: name.sourceString, span: spanOf(this), fields: ast(fields) };
    return c;
  },
  UnionCase_bare(name) {
    const c: UnionCaseDecl = { name: name.sourceString, span: spanOf(this), fields: [] };
    return c;
  },
  CaseFields(fields) {
    return list(fields);
  },
  CaseField_named(name, _colon, type) {
    return { name: name.sourceString, type: ast(type), span: spanOf(this) };
  },
  CaseField_positional(type) {
    return { name: null, type: ast(type), span: spanOf(this) };
  },
  AliasType(type) {
    return { kind: 'AliasType', span: spanOf(this), type: ast(type) };
  },

  // ---- Types ----
  Type_fun(from, _arrow, to) {
    const t: TypeExpr = { kind: 'TFun', span: spanOf(this), from: ast(from), to: ast(to) };
    return t;
  },
  TupleType(first, _stars, rest) {
    if (rest.numChildren === 0) return ast(first);
    const t: TypeExpr = { kind: 'TTuple', span: spanOf(this), items: [ast(first), ...iter(rest)] };
    return t;
  },
  AppType(atom, suffixes) {
    let t: TypeExpr = ast(atom);
    for (const s of suffixes.children) {
      const r: { name: string; span: Span } = ast(s);
      t = { kind: 'TName', span: join(t.span, r.span), name: r.name, args: [t] };
    }
    return t;
  },
  TypeSuffix_array(_o, _c) {
    return { name: 'array', span: spanOf(this) };
  },
  TypeSuffix_name(name) {
    return ast(name);
  },
  AtomType_generic(name, _lt, args, _gt) {
    const t: TypeExpr = { kind: 'TName', span: spanOf(this), name: ast(name).name, args: list(args) };
    return t;
  },
  AtomType_name(name) {
    const t: TypeExpr = { kind: 'TName', span: spanOf(this), name: ast(name).name, args: [] };
    return t;
  },
  AtomType_paren(_o, t, _c) {
    return ast(t);
  },
  AtomType_var(v) {
    return fail(v, `generic type parameters (${v.sourceString}) are not supported yet`);
  },

} satisfies ActionDict<unknown>;
