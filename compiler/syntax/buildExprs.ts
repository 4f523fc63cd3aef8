// Semantic actions for expressions: operators, application, postfix forms, keyword
// expressions, sequences with their `let` scopes, records, arrays, literals.
import type { ActionDict, Node as OhmNode } from 'ohm-js';
import type { BinaryOp, Binding, Expr, FieldInit, IntSuffix, Literal, MatchCase, Span } from './ast.ts';
import { BUILTIN_MODULES } from './builtinModules.ts';
import { ast, cur, endSpan, fail, iter, join, list, literalToken, numberLiteral, opt, spanOf } from './buildContext.ts';
import { SUFFIX_TYPE } from './literals.ts';
import { attachAttributes } from './buildDecls.ts';
import { precedence } from './precedence.ts';

const isSignedIntLit = (l: Literal) => l.kind === 'LInt' && SUFFIX_TYPE[l.suffix as IntSuffix].signed;

// Literals made by `negate` from `-N`. Negating one again is the negation of a value, not a
// literal: folding `-(-128y)` would make the literal 128y, out of range for sbyte.
const negatedLiterals = new WeakSet<Expr>();

/** `-e`: a literal operand becomes a negative literal (so MinValue can be written); an
 *  operand that is already a negated literal stays a negation (`-(-128y)` wraps to -128). */
function negate(operand: Expr, whole: Span): Expr {
  if (!negatedLiterals.has(operand) && operand.kind === 'Lit' && (isSignedIntLit(operand.lit) || operand.lit.kind === 'LFloat')) {
    const lit = operand.lit;
    cur().negateOnly.delete(operand);
    let e: Expr | null = null;
    if (lit.kind === 'LInt') e = { kind: 'Lit', span: whole, lit: { ...lit, span: whole, value: -lit.value } };
    if (lit.kind === 'LFloat') e = { kind: 'Lit', span: whole, lit: { ...lit, span: whole, value: -lit.value } };
    if (e) {
      negatedLiterals.add(e);
      return e;
    }
  }
  return { kind: 'Unary', span: whole, op: '-', operand };
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

export const exprActions = {
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
} satisfies ActionDict<unknown>;
