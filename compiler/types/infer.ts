// Inference state: type variables, their bindings (a substitution) and the class
// constraints that wait on them. Unification is the usual first-order one with an occurs
// check; a class constraint on a variable is checked when the variable is bound, so a
// wrong operand is reported at the operator that needed the class.
import type { Span } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import type { TypeClass } from './builtins.ts';
import { defaultFor, describeClass, member } from './classes.ts';
import { showType } from './types.ts';
import type { Type, TypeTable } from './types.ts';

/** A class requirement: what needed it (`operator '+'`) and where. */
export type Constraint = { cls: TypeClass; span: Span; what: string };

export type Infer = {
  table: TypeTable;
  next: number;
  subst: Map<number, Type>;
  cons: Map<number, Constraint[]>;
};

export function newInfer(table: TypeTable): Infer {
  return { table, next: 0, subst: new Map(), cons: new Map() };
}

export function fresh(s: Infer): Type {
  return { kind: 'var', id: s.next++ };
}

/** Follows variable bindings at the top of a type. */
export function prune(s: Infer, t: Type): Type {
  while (t.kind === 'var') {
    const b = s.subst.get(t.id);
    if (!b) return t;
    t = b;
  }
  return t;
}

/** The type with every bound variable replaced (unbound ones stay). */
export function resolve(s: Infer, t: Type): Type {
  const p = prune(s, t);
  switch (p.kind) {
    case 'ptr':
    case 'span':
      return { kind: p.kind, elem: resolve(s, p.elem) };
    case 'tuple':
      return { kind: 'tuple', elems: p.elems.map((e) => resolve(s, e)) };
    case 'union':
      return { kind: 'union', name: p.name, args: p.args.map((e) => resolve(s, e)) };
    case 'fn':
      return { kind: 'fn', params: p.params.map((e) => resolve(s, e)), ret: resolve(s, p.ret) };
    default:
      return p;
  }
}

/** A type for a diagnostic: resolved, unknown parts shown as `'a`, `'b`... */
export function show(s: Infer, t: Type): string {
  const names = new Map<number, string>();
  const text = showType(resolve(s, t));
  return text.replace(/'t(\d+)/g, (_, id: string) => {
    const n = Number(id);
    if (!names.has(n)) names.set(n, `'${String.fromCharCode(97 + (names.size % 26))}`);
    return names.get(n)!;
  });
}

function occurs(s: Infer, id: number, t: Type): boolean {
  const p = prune(s, t);
  switch (p.kind) {
    case 'var':
      return p.id === id;
    case 'ptr':
    case 'span':
      return occurs(s, id, p.elem);
    case 'tuple':
      return p.elems.some((e) => occurs(s, id, e));
    case 'union':
      return p.args.some((e) => occurs(s, id, e));
    case 'fn':
      return p.params.some((e) => occurs(s, id, e)) || occurs(s, id, p.ret);
    default:
      return false;
  }
}

/** Makes `expected` and `found` equal or throws `expected X but found Y` at `span`. */
export function unify(s: Infer, expected: Type, found: Type, span: Span, hint = ''): void {
  if (!unifyInner(s, expected, found, span)) {
    throw errorAt(span, `type mismatch: expected ${show(s, expected)} but found ${show(s, found)}${hint}`);
  }
}

/** Whether two types can be made equal, binding variables as it goes. */
function unifyInner(s: Infer, a0: Type, b0: Type, span: Span): boolean {
  const a = prune(s, a0);
  const b = prune(s, b0);
  if (a.kind === 'var' && b.kind === 'var' && a.id === b.id) return true;
  if (a.kind === 'var') return bindVar(s, a.id, b, span);
  if (b.kind === 'var') return bindVar(s, b.id, a, span);
  switch (a.kind) {
    case 'int':
      return b.kind === 'int' && a.bits === b.bits && a.signed === b.signed;
    case 'float':
      return b.kind === 'float' && a.bits === b.bits;
    case 'bool':
    case 'unit':
    case 'char':
    case 'string':
    case 'arena':
    case 'region':
      return b.kind === a.kind;
    case 'ptr':
    case 'span':
      return b.kind === a.kind && unifyInner(s, a.elem, b.elem, span);
    case 'tuple':
      return b.kind === 'tuple' && a.elems.length === b.elems.length && a.elems.every((e, i) => unifyInner(s, e, b.elems[i]!, span));
    case 'record':
      return b.kind === 'record' && a.name === b.name;
    case 'union':
      return (
        b.kind === 'union' && a.name === b.name && a.args.length === b.args.length && a.args.every((e, i) => unifyInner(s, e, b.args[i]!, span))
      );
    case 'fn':
      return (
        b.kind === 'fn' &&
        a.params.length === b.params.length &&
        a.params.every((e, i) => unifyInner(s, e, b.params[i]!, span)) &&
        unifyInner(s, a.ret, b.ret, span)
      );
  }
}

function bindVar(s: Infer, id: number, t: Type, span: Span): boolean {
  if (occurs(s, id, t)) {
    throw errorAt(span, `this expression would need a type that contains itself (${show(s, { kind: 'var', id })} = ${show(s, t)})`);
  }
  s.subst.set(id, t);
  const waiting = s.cons.get(id);
  if (waiting) {
    s.cons.delete(id);
    for (const c of waiting) requireClass(s, t, c);
  }
  return true;
}

/** Requires `t` to be in a class now, or (for an unknown type) once it is known. */
export function requireClass(s: Infer, t: Type, c: Constraint): void {
  const p = prune(s, t);
  if (p.kind === 'var') {
    const list = s.cons.get(p.id) ?? [];
    if (!list.some((k) => k.cls === c.cls)) list.push(c);
    s.cons.set(p.id, list);
    return;
  }
  const m = member(s.table, p, c.cls);
  if (!m.ok) throw errorAt(c.span, `${c.what} needs ${describeClass(c.cls)}, not ${show(s, p)}`);
  for (const part of m.parts) requireClass(s, part, c);
}

/** Fully resolves a type for the annotated AST: every unknown part takes its default
 *  (an integer-ish variable becomes `int`, an unconstrained one `unit`). */
export function zonk(s: Infer, t: Type): Type {
  const p = prune(s, t);
  switch (p.kind) {
    case 'var': {
      const cons = s.cons.get(p.id) ?? [];
      const d = defaultFor(s.table, cons.map((c) => c.cls));
      if (!d) throw errorAt(cons[0]!.span, `cannot infer a type for this ${cons[0]!.what}; add a type annotation`);
      bindVar(s, p.id, d, cons[0]?.span ?? dummySpan);
      return d;
    }
    case 'ptr':
    case 'span':
      return { kind: p.kind, elem: zonk(s, p.elem) };
    case 'tuple':
      return { kind: 'tuple', elems: p.elems.map((e) => zonk(s, e)) };
    case 'union':
      return { kind: 'union', name: p.name, args: p.args.map((e) => zonk(s, e)) };
    case 'fn':
      return { kind: 'fn', params: p.params.map((e) => zonk(s, e)), ret: zonk(s, p.ret) };
    default:
      return p;
  }
}

const dummySpan: Span = { file: '', start: 0, end: 0, line: 1, col: 1 };
