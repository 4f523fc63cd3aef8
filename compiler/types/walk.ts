// A read-only traversal of every expression, pattern and parameter of the AST (including
// contract expressions in attributes), used to finish the annotations after inference and
// by tests to assert that every node is annotated.
import type { Attribute, Binding, Decl, Expr, Param, Pattern, Program } from '../syntax/ast.ts';

export type Visitor = {
  expr?: (e: Expr) => void;
  pat?: (p: Pattern) => void;
  param?: (p: Param) => void;
};

export function walkProgram(p: Program, v: Visitor): void {
  for (const d of p.decls) walkDecl(d, v);
}

export function walkDecl(d: Decl, v: Visitor): void {
  if (d.kind === 'LetDecl') for (const b of d.bindings) walkBinding(b, v);
}

function walkAttrs(attrs: Attribute[], v: Visitor): void {
  for (const a of attrs) if (a.contract) walkExpr(a.contract, v);
}

export function walkBinding(b: Binding, v: Visitor): void {
  walkAttrs(b.attrs, v);
  walkPattern(b.pat, v);
  for (const p of b.params ?? []) {
    v.param?.(p);
    walkPattern(p.pat, v);
  }
  walkExpr(b.body, v);
}

export function walkPattern(p: Pattern, v: Visitor): void {
  v.pat?.(p);
  switch (p.kind) {
    case 'PWild':
    case 'PVar':
    case 'PLit':
      return;
    case 'PTuple':
      for (const i of p.items) walkPattern(i, v);
      return;
    case 'PCase':
      for (const i of p.args) walkPattern(i, v);
      return;
    case 'PRecord':
      for (const f of p.fields) walkPattern(f.pat, v);
      return;
    case 'POr':
      for (const a of p.alts) walkPattern(a, v);
      return;
    case 'PAs':
    case 'PAnnot':
      walkPattern(p.pat, v);
      return;
  }
}

export function walkExpr(e: Expr, v: Visitor): void {
  v.expr?.(e);
  const w = (x: Expr) => walkExpr(x, v);
  switch (e.kind) {
    case 'Lit':
    case 'Name':
      return;
    case 'App':
      w(e.fn);
      e.args.forEach(w);
      return;
    case 'Binary':
      w(e.left);
      w(e.right);
      return;
    case 'Unary':
      w(e.operand);
      return;
    case 'If':
      w(e.cond);
      w(e.then);
      if (e.else) w(e.else);
      return;
    case 'Match':
      w(e.scrutinee);
      for (const c of e.cases) {
        walkPattern(c.pat, v);
        if (c.guard) w(c.guard);
        w(c.body);
      }
      return;
    case 'While':
      w(e.cond);
      w(e.body);
      return;
    case 'For':
      w(e.from);
      w(e.to);
      w(e.body);
      return;
    case 'Let':
      for (const b of e.bindings) walkBinding(b, v);
      w(e.body);
      return;
    case 'Use':
      w(e.value);
      w(e.body);
      return;
    case 'Seq':
      e.exprs.forEach(w);
      return;
    case 'Assign':
      w(e.target);
      w(e.value);
      return;
    case 'Tuple':
      e.items.forEach(w);
      return;
    case 'Record':
      if (e.base) w(e.base);
      for (const f of e.fields) w(f.value);
      return;
    case 'Field':
      w(e.target);
      return;
    case 'Index':
      w(e.target);
      w(e.index);
      return;
    case 'ArrayLit':
      e.items.forEach(w);
      return;
    case 'Interp':
      for (const p of e.parts) if (typeof p !== 'string') w(p);
      return;
    case 'Quant':
      w(e.from);
      w(e.to);
      w(e.body);
      return;
    case 'Annot':
      w(e.expr);
      return;
  }
}
