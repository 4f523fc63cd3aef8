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
  switch (e.kind) {
    case 'Lit':
    case 'Name':
      return;
    case 'App':
      walkExpr(e.fn, v);
      for (const a of e.args) walkExpr(a, v);
      return;
    case 'Binary':
      walkExpr(e.left, v);
      walkExpr(e.right, v);
      return;
    case 'Unary':
      walkExpr(e.operand, v);
      return;
    case 'If':
      walkExpr(e.cond, v);
      walkExpr(e.then, v);
      if (e.else) walkExpr(e.else, v);
      return;
    case 'Match':
      walkExpr(e.scrutinee, v);
      for (const c of e.cases) {
        walkPattern(c.pat, v);
        if (c.guard) walkExpr(c.guard, v);
        walkExpr(c.body, v);
      }
      return;
    case 'While':
      walkExpr(e.cond, v);
      walkExpr(e.body, v);
      return;
    case 'For':
      walkExpr(e.from, v);
      walkExpr(e.to, v);
      walkExpr(e.body, v);
      return;
    case 'Let':
      for (const b of e.bindings) walkBinding(b, v);
      walkExpr(e.body, v);
      return;
    case 'Use':
      walkExpr(e.value, v);
      walkExpr(e.body, v);
      return;
    case 'Seq':
      for (const x of e.exprs) walkExpr(x, v);
      return;
    case 'Assign':
      walkExpr(e.target, v);
      walkExpr(e.value, v);
      return;
    case 'Tuple':
      for (const x of e.items) walkExpr(x, v);
      return;
    case 'Record':
      if (e.base) walkExpr(e.base, v);
      for (const f of e.fields) walkExpr(f.value, v);
      return;
    case 'Field':
      walkExpr(e.target, v);
      return;
    case 'Index':
      walkExpr(e.target, v);
      walkExpr(e.index, v);
      return;
    case 'ArrayLit':
      for (const x of e.items) walkExpr(x, v);
      return;
    case 'Interp':
      for (const p of e.parts) if (typeof p !== 'string') walkExpr(p, v);
      return;
    case 'Quant':
      walkExpr(e.from, v);
      walkExpr(e.to, v);
      walkExpr(e.body, v);
      return;
    case 'Annot':
      walkExpr(e.expr, v);
      return;
  }
}
