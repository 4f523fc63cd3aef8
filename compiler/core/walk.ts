// Generic traversal of Core: the direct sub-expressions of a node (in evaluation order),
// and every obligation of a program: a function's own first, then those of its contracts
// and body in evaluation order (an operation's after its operands'; a loop's invariant and
// termination obligations before its body's, since they are checked at the loop head).
import type { CExpr, CoreFn, CoreProgram, Obligation } from './core.ts';

export function childrenOf(e: CExpr): CExpr[] {
  switch (e.kind) {
    case 'Const':
    case 'Var':
    case 'Static':
    case 'ArenaCreate':
    case 'RegionCreate':
    case 'Fail':
      return [];
    case 'Let':
      return [e.init, e.body];
    case 'Assign':
      return [e.value];
    case 'Seq':
      return e.items;
    case 'If':
      return [e.cond, e.then, e.else];
    case 'While':
      return [...e.invariants, ...(e.decreases ? [e.decreases] : []), e.cond, e.body];
    case 'Prim':
    case 'Call':
    case 'Builtin':
      return e.args;
    case 'Convert':
      return [e.arg];
    case 'Tuple':
      return e.items;
    case 'TupleGet':
      return [e.tuple];
    case 'Record':
      return e.fields;
    case 'RecordGet':
      return [e.record];
    case 'MakeCase':
      return e.payload;
    case 'CaseTag':
    case 'CaseField':
      return [e.value];
    case 'StackAlloc':
      return [e.count];
    case 'PtrAdd':
      return [e.ptr, e.offset];
    case 'Load':
      return [e.target, e.index];
    case 'Store':
      return [e.target, e.index, e.value];
    case 'SpanOfPtr':
      return [e.ptr, e.length];
    case 'SpanSlice':
      return [e.source, e.start, e.length];
    case 'SpanLength':
      return [e.source];
    case 'Extent':
      return [e.ptr];
    case 'ArenaAlloc':
      return [e.arena, e.count];
    case 'ArenaRemaining':
    case 'ArenaReset':
      return [e.arena];
    case 'RegionAlloc':
      return [e.region, e.count];
    case 'RegionRelease':
      return [e.region];
    case 'RegionCopyOut':
      return [e.arena, e.source];
    case 'Assert':
    case 'Assume':
      return [e.cond];
    case 'Quant':
      return [e.from, e.to, e.body];
  }
}

/** Pre-order walk. */
export function forEachNode(e: CExpr, f: (e: CExpr) => void): void {
  f(e);
  for (const c of childrenOf(e)) forEachNode(c, f);
}

export function fnObligations(fn: CoreFn): Obligation[] {
  const out: Obligation[] = [...fn.obs];
  const visit = (e: CExpr): void => {
    if (e.kind === 'While') out.push(...e.obs);
    for (const c of childrenOf(e)) visit(c);
    if (e.kind !== 'While' && 'obs' in e) out.push(...e.obs);
  };
  for (const r of fn.requires) visit(r);
  for (const r of fn.ensures) visit(r);
  if (fn.decreases) visit(fn.decreases);
  visit(fn.body);
  return out;
}

export function programObligations(p: CoreProgram): Obligation[] {
  return p.functions.flatMap(fnObligations);
}
