// A compact S-expression view of the AST, so parser tests can state expected trees in one line.
import type { Binding, Decl, Expr, Literal, Pattern, Program, TypeExpr } from '../../../compiler/syntax/ast.ts';

export function showLit(l: Literal): string {
  switch (l.kind) {
    case 'LInt':
      return `${l.value}${l.suffix}`;
    case 'LFloat':
      return `${l.value}${l.single ? 'f' : ''}${Number.isInteger(l.value) ? '.0' : ''}`;
    case 'LBool':
      return String(l.value);
    case 'LChar':
      return `'${String.fromCodePoint(l.value)}'`;
    case 'LString':
      return JSON.stringify(l.value);
    case 'LUnit':
      return '()';
  }
}

export function showType(t: TypeExpr): string {
  switch (t.kind) {
    case 'TName':
      return t.args.length === 0 ? t.name : `${t.name}<${t.args.map(showType).join(', ')}>`;
    case 'TTuple':
      return `(${t.items.map(showType).join(' * ')})`;
    case 'TFun':
      return `(${showType(t.from)} -> ${showType(t.to)})`;
  }
}

export function showPat(p: Pattern): string {
  switch (p.kind) {
    case 'PWild':
      return '_';
    case 'PVar':
      return p.name;
    case 'PLit':
      return showLit(p.lit);
    case 'PTuple':
      return `(tuple ${p.items.map(showPat).join(' ')})`;
    case 'PCase':
      return p.args.length === 0 ? `(case ${p.name})` : `(case ${p.name} ${p.args.map(showPat).join(' ')})`;
    case 'PRecord':
      return `{${p.fields.map((f) => `${f.name}=${showPat(f.pat)}`).join(' ')}}`;
    case 'POr':
      return `(or ${p.alts.map(showPat).join(' ')})`;
    case 'PAs':
      return `(as ${showPat(p.pat)} ${p.name})`;
    case 'PAnnot':
      return `(: ${showPat(p.pat)} ${showType(p.type)})`;
  }
}

export function showBinding(b: Binding): string {
  const attrs = b.attrs.map((a) => `[${a.name}${a.contract ? ' ' + show(a.contract) : a.args.length ? ' ' + a.args.map(showLit).join(' ') : ''}] `).join('');
  const params = b.params === null ? '' : ' ' + b.params.map((p) => (p.type ? `(: ${showPat(p.pat)} ${showType(p.type)})` : showPat(p.pat))).join(' ');
  const ret = b.retType ? ` : ${showType(b.retType)}` : '';
  return `${attrs}${b.mutable ? 'mutable ' : ''}${showPat(b.pat)}${params}${ret} = ${show(b.body)}`;
}

export function show(e: Expr): string {
  switch (e.kind) {
    case 'Lit':
      return showLit(e.lit);
    case 'Name':
      return e.typeArgs.length ? `${e.name}<${e.typeArgs.map(showType).join(', ')}>` : e.name;
    case 'App':
      return `(${[e.fn, ...e.args].map(show).join(' ')})`;
    case 'Binary':
      return `(${e.op} ${show(e.left)} ${show(e.right)})`;
    case 'Unary':
      return `(${e.op} ${show(e.operand)})`;
    case 'If':
      return `(if ${show(e.cond)} ${show(e.then)}${e.else ? ' ' + show(e.else) : ''})`;
    case 'Match':
      return `(match ${show(e.scrutinee)} ${e.cases.map((c) => `[${showPat(c.pat)}${c.guard ? ' when ' + show(c.guard) : ''} -> ${show(c.body)}]`).join(' ')})`;
    case 'While':
      return `(while ${show(e.cond)} ${show(e.body)})`;
    case 'For':
      return `(for ${e.var} ${show(e.from)} ${e.down ? 'downto' : 'to'} ${show(e.to)} ${show(e.body)})`;
    case 'Let':
      return `(let${e.rec ? ' rec' : ''} ${e.bindings.map(showBinding).join(' and ')} in ${show(e.body)})`;
    case 'Use':
      return `(use ${e.name} = ${show(e.value)} in ${show(e.body)})`;
    case 'Seq':
      return `(seq ${e.exprs.map(show).join(' ')})`;
    case 'Assign':
      return `(<- ${show(e.target)} ${show(e.value)})`;
    case 'Tuple':
      return `(tuple ${e.items.map(show).join(' ')})`;
    case 'Record':
      return `{${e.base ? show(e.base) + ' with ' : ''}${e.fields.map((f) => `${f.name}=${show(f.value)}`).join(' ')}}`;
    case 'Field':
      return `${show(e.target)}.${e.name}`;
    case 'Index':
      return `${show(e.target)}.[${show(e.index)}]`;
    case 'ArrayLit':
      return `[|${e.items.map(show).join(' ')}|]`;
    case 'Interp':
      return `$(${e.parts.map((p) => (typeof p === 'string' ? JSON.stringify(p) : show(p))).join(' ')})`;
    case 'Quant':
      return `(${e.q} ${e.var} ${show(e.from)} ${show(e.to)} ${show(e.body)})`;
    case 'Annot':
      return `(: ${show(e.expr)} ${showType(e.type)})`;
  }
}

export function showDecl(d: Decl): string {
  if (d.kind === 'LetDecl') return `let${d.rec ? ' rec' : ''} ${d.bindings.map(showBinding).join(' and ')}`;
  const attrs = d.attrs.map((a) => `[${a.name}] `).join('');
  const b = d.body;
  switch (b.kind) {
    case 'RecordType':
      return `${attrs}type ${d.name} = {${b.fields.map((f) => `${f.name}: ${showType(f.type)}`).join('; ')}}`;
    case 'UnionType':
      return `${attrs}type ${d.name} = ${b.cases.map((c) => c.fields.length === 0 ? c.name : `${c.name} of ${c.fields.map((f) => (f.name ? `${f.name}: ` : '') + showType(f.type)).join(' * ')}`).join(' | ')}`;
    case 'AliasType':
      return `${attrs}type ${d.name} = ${showType(b.type)}`;
  }
}

export function showProgram(p: Program): string {
  return [p.module ? `module ${p.module}` : '', ...p.opens.map((o) => `open ${o}`), ...p.decls.map(showDecl)].filter((s) => s !== '').join('\n');
}
