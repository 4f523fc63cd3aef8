// The ohm semantics that turns a successful match of clef.ohm into the AST of ast.ts.
// Every node gets a span in ORIGINAL file offsets: node extents in the layout text are
// trimmed of spaces and virtual tokens, then mapped back through the layout's offset map.
import type { ActionDict, Node as OhmNode, TerminalNode } from 'ohm-js';
import { errorAt } from '../diagnostics.ts';
import type {
  Attribute, Binding, Decl, Expr, FieldInit, IntSuffix, Literal, MatchCase, Param, Pattern, Program,
  Span, TypeDecl, TypeExpr, UnionCaseDecl, BinaryOp,
} from './ast.ts';
import { BUILTIN_MODULES } from './builtinModules.ts';
import { clefGrammar } from './grammar.ts';
import type { Layout } from './layout.ts';
import type { Token } from './lexer.ts';
import { checkIntLiteral, SUFFIX_TYPE } from './literals.ts';

/** What the actions need to know about the text being built (one per parse, nested for holes). */
export type BuildContext = {
  layout: Layout;
  /** Offsets of the parsed text (not the layout text) -> a span of the file. */
  span: (start: number, end: number) => Span;
  /** Literal tokens by start offset, to take their decoded values. */
  literals: Map<number, Token>;
  /** Parses an expression written inside this text (an interpolation hole, a contract string). */
  nested: (text: string, offset: number, at: Span) => Expr;
  /** Decimal literals equal to MinValue's magnitude, legal only under a unary minus. */
  negateOnly: Set<Expr | Pattern>;
  /** Length of the parsed text. */
  length: number;
  /** Where the matched string starts in the layout text (a top-level item is matched alone). */
  base: number;
};

let ctx: BuildContext | null = null;

/** Runs the semantics on a match with `c` as the current context (re-entrant for nested parses). */
export function withContext<T>(c: BuildContext, f: () => T): T {
  const saved = ctx;
  ctx = c;
  try {
    return f();
  } finally {
    ctx = saved;
  }
}

const cur = (): BuildContext => ctx!;

function isSkippable(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || (code >= 0xe000 && code <= 0xe002);
}

/** The span of a node: its layout extent without surrounding blanks and virtual tokens. */
function spanOf(node: OhmNode): Span {
  const { text, toOriginal } = cur().layout;
  let a = node.source.startIdx + cur().base;
  let b = node.source.endIdx + cur().base;
  while (a < b && isSkippable(text.charCodeAt(a))) a++;
  while (b > a && isSkippable(text.charCodeAt(b - 1))) b--;
  return cur().span(toOriginal(a), toOriginal(b));
}

const join = (a: Span, b: Span): Span => ({ ...a, end: Math.max(a.end, b.end) });
const endSpan = (s: Span): Span => {
  const e = cur().span(s.end, s.end);
  return e;
};

const ast = (n: OhmNode): any => n['ast']();
const list = (n: OhmNode): any[] => n.asIteration().children.map(ast);
const opt = (n: OhmNode): any => (n.numChildren > 0 ? ast(n.children[0]!) : null);
const iter = (n: OhmNode): any[] => n.children.map(ast);
const fail = (n: OhmNode, message: string): never => {
  throw errorAt(spanOf(n), message);
};

function literalToken(n: OhmNode): Token {
  const { toOriginal } = cur().layout;
  const start = toOriginal(n.source.startIdx + cur().base);
  const t = cur().literals.get(start);
  // The grammar's literal rules mirror the lexer's; a mismatch is our bug, not the user's.
  if (t === undefined || t.end !== toOriginal(n.source.endIdx + cur().base)) {
    throw new Error(`internal error: the parser and the lexer disagree about the literal at offset ${start}`);
  }
  return t;
}

function intLiteral(t: Token, span: Span, negated: boolean): { lit: Literal; negateOnly: boolean } {
  const { value, suffix, radix } = t.int!;
  const check = checkIntLiteral(value, radix, suffix);
  if (check.ok === false) throw errorAt(span, check.message);
  const v = negated ? -check.value : check.value;
  return { lit: { kind: 'LInt', span, value: v, suffix }, negateOnly: check.ok === 'negate-only' && !negated };
}

function numberLiteral(n: OhmNode, span: Span, negated: boolean): { lit: Literal; negateOnly: boolean } {
  const t = literalToken(n);
  if (t.kind === 'float') {
    const v = negated ? -t.float!.value : t.float!.value;
    return { lit: { kind: 'LFloat', span, value: v, single: t.float!.single }, negateOnly: false };
  }
  return intLiteral(t, span, negated);
}

const isSignedIntLit = (l: Literal) => l.kind === 'LInt' && SUFFIX_TYPE[l.suffix as IntSuffix].signed;

/** `-e`: a literal operand becomes a negative literal (so MinValue can be written). */
function negate(operand: Expr, whole: Span): Expr {
  if (operand.kind === 'Lit' && (isSignedIntLit(operand.lit) || operand.lit.kind === 'LFloat')) {
    const lit = operand.lit;
    cur().negateOnly.delete(operand);
    if (lit.kind === 'LInt') return { kind: 'Lit', span: whole, lit: { ...lit, span: whole, value: -lit.value } };
    if (lit.kind === 'LFloat') return { kind: 'Lit', span: whole, lit: { ...lit, span: whole, value: -lit.value } };
  }
  return { kind: 'Unary', span: whole, op: '-', operand };
}

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
function precedence(operands: Expr[], ops: string[]): Expr {
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

/** `r.A.B`, `s.[i]`, `f<int>`; `Console.writeln` (a built-in module's member) is one Name. */
function postfix(head: Expr, ops: OhmNode[]): Expr {
  let e = head;
  for (const op of ops) {
    const r = ast(op);
    const span = join(e.span, spanOf(op));
    if (r.op === 'index') {
      e = { kind: 'Index', span, target: e, index: r.index };
    } else if (r.op === 'field') {
      const name = e.kind === 'Name' && e.typeArgs.length === 0 ? e.name : null;
      if (name !== null && !name.includes('.') && BUILTIN_MODULES.has(name)) {
        e = { kind: 'Name', span, name: `${name}.${r.name}`, typeArgs: [] };
      } else {
        e = { kind: 'Field', span, target: e, name: r.name, nameSpan: r.nameSpan };
      }
    } else {
      if (e.kind !== 'Name' || e.typeArgs.length > 0) fail(op, 'type arguments `<...>` may only follow a name');
      e = { ...(e as Expr & { kind: 'Name' }), span, typeArgs: r.types };
    }
  }
  return e;
}

/** `f a b`, and `(+) a b` which is just `a + b`. */
function application(node: OhmNode, f: Expr, args: Expr[]): Expr {
  const opName = f.kind === 'Name' ? /^\((.*)\)$/.exec(f.name)?.[1] : undefined;
  if (opName !== undefined) {
    if (args.length !== 2) {
      fail(node, `the operator (${opName}) must be applied to exactly two arguments (operators as values are not supported yet)`);
    }
    return { kind: 'Binary', span: spanOf(node), op: OPERATOR_VALUES[opName]!, left: args[0]!, right: args[1]! };
  }
  if (args.length === 0) return f;
  return { kind: 'App', span: spanOf(node), fn: f, args };
}

const OPERATOR_VALUES: Record<string, BinaryOp> = {
  '+': '+', '-': '-', '*': '*', '/': '/', '%': '%', '=': '=', '<>': '<>', '<': '<', '<=': '<=', '>': '>',
  '>=': '>=', '&&': '&&', '||': '||', '&&&': '&&&', '|||': '|||', '^^^': '^^^', '<<<': '<<<', '>>>': '>>>', '|>': '|>',
};

type Stmt =
  | { stmt: 'let'; span: Span; rec: boolean; bindings: Binding[]; inBody: Expr | null }
  | { stmt: 'use'; span: Span; name: string; nameSpan: Span; value: Expr; inBody: Expr | null }
  | { stmt: 'expr'; expr: Expr };

/** A sequence: each `let`/`use` scopes over everything after it. */
function buildSeq(items: Stmt[], whole: Span): Expr {
  const exprs: Expr[] = [];
  for (let k = 0; k < items.length; k++) {
    const s = items[k]!;
    if (s.stmt === 'expr') {
      exprs.push(s.expr);
      continue;
    }
    const after = items.slice(k + 1);
    if (s.inBody !== null) after.unshift({ stmt: 'expr', expr: s.inBody });
    const restSpan = after.length > 0 ? join(stmtSpan(after[0]!), stmtSpan(after[after.length - 1]!)) : null;
    const body: Expr =
      restSpan === null ? { kind: 'Lit', span: endSpan(s.span), lit: { kind: 'LUnit', span: endSpan(s.span) } } : buildSeq(after, restSpan);
    const span = join(s.span, body.span);
    const node: Expr =
      s.stmt === 'let'
        ? { kind: 'Let', span, rec: s.rec, bindings: s.bindings, body }
        : { kind: 'Use', span, name: s.name, nameSpan: s.nameSpan, value: s.value, body };
    exprs.push(node);
    break;
  }
  if (exprs.length === 1) return exprs[0]!;
  return { kind: 'Seq', span: { ...whole, ...startOf(exprs[0]!.span), end: exprs[exprs.length - 1]!.span.end }, exprs };
}
const startOf = (s: Span) => ({ start: s.start, line: s.line, col: s.col });
const stmtSpan = (s: Stmt): Span => (s.stmt === 'expr' ? s.expr.span : s.span);

function unitPattern(span: Span): Pattern {
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

const CONTRACT_ATTRIBUTES = new Set(['Requires', 'Ensures']);

/** Attributes written before a binding belong to it, and so does their text. */
function attachAttributes(b: Binding, attrs: Attribute[]): void {
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

export const actions = {
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

  // ---- Expressions ----
  Seq(first, _seps, rest, _sep) {
    return buildSeq([ast(first), ...iter(rest)], spanOf(this));
  },
  Stmt(s) {
    const r = ast(s);
    return 'stmt' in r ? r : { stmt: 'expr', expr: r };
  },
  LetStmt(_lookahead, attrs, _let, rec, first, rest, _in, inBody) {
    const bindings: Binding[] = [ast(first), ...iter(rest)];
    attachAttributes(bindings[0]!, ast(attrs));
    const s: Stmt = { stmt: 'let', span: spanOf(this), rec: rec.numChildren > 0, bindings, inBody: opt(inBody) };
    return s;
  },
  LetIn(_let, rec, first, rest, _in, inBody) {
    const bindings: Binding[] = [ast(first), ...iter(rest)];
    const e: Expr = { kind: 'Let', span: spanOf(this), rec: rec.numChildren > 0, bindings, body: ast(inBody) };
    return e;
  },
  UseStmt(_use, name, _eq, value, _in, inBody) {
    const s: Stmt = {
      stmt: 'use',
      span: spanOf(this),
      name: name.sourceString,
      nameSpan: spanOf(name),
      value: ast(value),
      inBody: opt(inBody),
    };
    return s;
  },
  Expr(first, ops, rest) {
    if (ops.numChildren === 0) return ast(first);
    return precedence([ast(first), ...iter(rest)], ops.children.map((o) => (o.sourceString === 'or' ? '||' : o.sourceString)));
  },
  Prefix_quantifier(_lookahead, q) {
    return ast(q);
  },
  Prefix_apply(primary, ops, args) {
    const f = postfix(ast(primary), ops.children);
    const as: Expr[] = iter(args);
    return application(this, f, as);
  },
  Prefix_neg(_minus, operand) {
    return negate(ast(operand), spanOf(this));
  },
  Prefix_not(_not, operand) {
    const e: Expr = { kind: 'Unary', span: spanOf(this), op: 'not', operand: ast(operand) };
    return e;
  },
  Prefix_bnot(_op, operand) {
    const e: Expr = { kind: 'Unary', span: spanOf(this), op: '~~~', operand: ast(operand) };
    return e;
  },

  If(_if, cond, _then, then, elifs, els) {
    const branches: { cond: Expr; then: Expr; span: Span }[] = [
      { cond: ast(cond), then: ast(then), span: spanOf(this) },
      ...iter(elifs),
    ];
    let result: Expr | null = opt(els);
    for (let k = branches.length - 1; k >= 0; k--) {
      const b = branches[k]!;
      const end = result?.span ?? b.then.span;
      result = { kind: 'If', span: join(b.span, end), cond: b.cond, then: b.then, else: result };
    }
    return result;
  },
  Elif(_elif, cond, _then, then) {
    return { cond: ast(cond), then: ast(then), span: spanOf(this) };
  },
  Else(_else, e) {
    return ast(e);
  },
  Match(_match, scrutinee, _with, cases) {
    const e: Expr = { kind: 'Match', span: spanOf(this), scrutinee: ast(scrutinee), cases: ast(cases) };
    return e;
  },
  MatchCases_block(_o, cases, _c) {
    return ast(cases);
  },
  Cases(_bar, first, _bars, rest) {
    return [ast(first), ...iter(rest)];
  },
  Case(pat, guard, _arrow, body) {
    const c: MatchCase = { span: spanOf(this), pat: ast(pat), guard: opt(guard), body: ast(body) };
    return c;
  },
  Guard(_when, e) {
    return ast(e);
  },
  While(_while, cond, _do, body) {
    const e: Expr = { kind: 'While', span: spanOf(this), cond: ast(cond), body: ast(body) };
    return e;
  },
  For_range(_for, v, _in, from, _dots, to, _do, body) {
    const e: Expr = {
      kind: 'For', span: spanOf(this), var: v.sourceString, varSpan: spanOf(v), from: ast(from), to: ast(to), down: false, body: ast(body),
    };
    return e;
  },
  For_count(_for, v, _eq, from, dir, to, _do, body) {
    const e: Expr = {
      kind: 'For',
      span: spanOf(this),
      var: v.sourceString,
      varSpan: spanOf(v),
      from: ast(from),
      to: ast(to),
      down: dir.sourceString.startsWith('downto'),
      body: ast(body),
    };
    return e;
  },
  Quantifier(q, v, _in, from, _dots, to, _arrow, body) {
    const e: Expr = {
      kind: 'Quant',
      span: spanOf(this),
      q: q.sourceString.startsWith('forall') ? 'forall' : 'exists',
      var: v.sourceString,
      from: ast(from),
      to: ast(to),
      body: ast(body),
    };
    return e;
  },

  Arg(_start, minus, primary, ops) {
    const e = postfix(ast(primary), ops.children);
    return minus.numChildren > 0 ? negate(e, spanOf(this)) : e;
  },
  PostfixOp(_lookahead, body) {
    return ast(body);
  },
  PostfixOpBody_index(_o, index, _c) {
    return { op: 'index', index: ast(index) };
  },
  PostfixOpBody_field(_dot, name) {
    return { op: 'field', name: name.sourceString, nameSpan: spanOf(name) };
  },
  PostfixOpBody_typeArgs(_lt, types, _gt) {
    return { op: 'typeArgs', types: list(types) };
  },
  Primary(e) {
    if (e.ctorName !== 'ident') return ast(e);
    const r: Expr = { kind: 'Name', span: spanOf(this), name: e.sourceString, typeArgs: [] };
    return r;
  },
  Parenthesized_op(_o, op, _c) {
    const e: Expr = { kind: 'Name', span: spanOf(this), name: `(${op.sourceString})`, typeArgs: [] };
    return e;
  },
  Parenthesized_annot(_o, e, _colon, type, _c) {
    const r: Expr = { kind: 'Annot', span: spanOf(this), expr: ast(e), type: ast(type) };
    return r;
  },
  Parenthesized_seq(_o, seq, _c) {
    const e: Expr = ast(seq);
    // A tuple's span includes its parentheses; other nodes keep their own.
    if (e.kind === 'Tuple') e.span = spanOf(this);
    return e;
  },
  Record(_o, body, _c) {
    const r: { base: Expr | null; fields: FieldInit[] } = ast(body);
    const e: Expr = { kind: 'Record', span: spanOf(this), base: r.base, fields: r.fields };
    return e;
  },
  Array(_o, items, _sep, _c) {
    const e: Expr = { kind: 'ArrayLit', span: spanOf(this), items: list(items) };
    return e;
  },
  List(_o, _items, _sep, _c) {
    return fail(this, 'list literals are not supported yet; use an array literal [| ... |]');
  },
  Block(_o, seq, _c) {
    return ast(seq);
  },
  RecordBody_copy(base, ops, _with, fields) {
    return { base: postfix(ast(base), ops.children), fields: ast(fields) };
  },
  RecordBody_fields(fields) {
    return { base: null, fields: ast(fields) };
  },
  FieldInits_block(_o, fields, _c) {
    return ast(fields);
  },
  FieldInitList(fields, _sep) {
    return list(fields);
  },
  FieldInit(name, _eq, value) {
    const f: FieldInit = { name: ast(name).name, span: spanOf(this), value: ast(value) };
    return f;
  },

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

  // ---- Literals ----
  Literal(_start, lit) {
    const span = spanOf(this);
    let l: Literal;
    switch (lit.ctorName) {
      case 'number': {
        const r = numberLiteral(lit, span, false);
        const e: Expr = { kind: 'Lit', span, lit: r.lit };
        if (r.negateOnly) cur().negateOnly.add(e);
        return e;
      }
      case 'stringLit':
        l = { kind: 'LString', span, value: literalToken(lit).str! };
        break;
      case 'charLit':
        l = { kind: 'LChar', span, value: literalToken(lit).char! };
        break;
      case 'true':
      case 'false':
        l = { kind: 'LBool', span, value: lit.ctorName === 'true' };
        break;
      default:
        l = { kind: 'LUnit', span };
    }
    const e: Expr = { kind: 'Lit', span, lit: l };
    return e;
  },
  NegativeLiteral(_minus, n) {
    const span = spanOf(this);
    const r = numberLiteral(n, span, true);
    const e: Expr = { kind: 'Lit', span, lit: r.lit };
    return e;
  },
  interpolated(_open, _parts, _close) {
    const t = literalToken(this);
    const span = spanOf(this);
    const parts: (string | Expr)[] = t.parts!.map((p) => {
      if (p.kind === 'text') return p.value;
      const holeSpan = cur().span(p.offset, p.offset + p.text.length);
      return cur().nested(p.text, p.offset, holeSpan);
    });
    const e: Expr = { kind: 'Interp', span, parts };
    return e;
  },
  LongIdent(first, _dots, rest) {
    return { name: [first, ...rest.children].map((c) => c.sourceString).join('.'), span: spanOf(this) };
  },
  _iter(...children) {
    return children.map(ast);
  },
  _terminal(this: TerminalNode) {
    return this.sourceString;
  },
} satisfies ActionDict<unknown>;

/** ohm's semantics over the same actions: it checks every action's arity when loaded. */
export const semantics = clefGrammar.createSemantics().addOperation('ast', actions);


function checkIntLiteralMessage(l: Literal): string {
  return l.kind === 'LInt' ? `this number is outside the range of type ${SUFFIX_TYPE[l.suffix].name}` : 'number out of range';
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

