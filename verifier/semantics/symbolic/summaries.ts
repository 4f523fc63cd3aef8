// Whole-program facts the symbolic executor needs to treat calls modularly and statics
// precisely: block ids of statics, which statics nothing ever writes (their contents are
// then known everywhere), what each function may do to memory it is given (transitively
// through its callees), and the recursive components of the call graph.
import type { CExpr, CoreFn, CoreProgram, StaticData } from '../../../compiler/core/core.ts';
import { childrenOf, forEachNode } from '../../../compiler/core/walk.ts';
import { stronglyConnected } from '../../scc.ts';

export type StaticInfo = { data: StaticData; id: bigint; immutable: boolean };

export type Effects = { stores: boolean; resets: boolean; allocs: boolean };

export type ProgramFacts = {
  statics: Map<string, StaticInfo>;
  effects: Map<string, Effects>;
  /** Functions that can reach themselves again through calls, with their component. */
  component: Map<string, Set<string>>;
  /** Functions called by some function of the program. */
  called: Set<string>;
  /** Per function, per parameter: the references it holds are only read, by the function
   *  and by every callee it hands them to (no store, slice, copy or escape of them). */
  readOnly: Map<string, boolean[]>;
};

export function fnRoots(f: CoreFn): CExpr[] {
  return [...f.requires, ...f.ensures, ...(f.decreases ? [f.decreases] : []), f.body];
}

/** Calls `visit(node, parent)` for every node (parent null at a root). */
function withParents(roots: CExpr[], visit: (e: CExpr, parent: CExpr | null) => void): void {
  const go = (e: CExpr, p: CExpr | null): void => {
    visit(e, p);
    for (const c of childrenOf(e)) go(c, e);
  };
  for (const r of roots) go(r, null);
}

/** Whether `e` (a span/pointer value) is only read where it appears under `parent`. */
function readOnlyUse(e: CExpr, parent: CExpr | null, roParam: (fn: string, i: number) => boolean): boolean {
  if (!parent) return false; // the function's value: handed to the caller, who may write it
  switch (parent.kind) {
    case 'Load':
      return parent.target === e;
    case 'SpanLength':
    case 'Extent':
      return true;
    case 'RegionCopyOut':
      return parent.source === e;
    case 'Prim':
      return true; // comparisons
    case 'Call': {
      const i = parent.args.indexOf(e);
      return i >= 0 && roParam(parent.fn, i);
    }
    default:
      return false;
  }
}

export function programFacts(prog: CoreProgram): ProgramFacts {
  const fns = new Map(prog.functions.map((f) => [f.name, f]));
  // Read-only span/pointer parameters: greatest fixpoint (assume read-only, refute).
  const ro = new Map<string, boolean[]>();
  for (const f of prog.functions) ro.set(f.name, f.params.map(() => true));
  const roParam = (fn: string, i: number) => ro.get(fn)?.[i] ?? false;
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of prog.functions) {
      const flags = ro.get(f.name)!;
      const names = new Map(f.params.map((p, i) => [p.name, i]));
      withParents(fnRoots(f), (e, parent) => {
        if (e.kind !== 'Var') return;
        const i = names.get(e.name);
        if (i === undefined || !flags[i]) return;
        if (!readOnlyUse(e, parent, roParam)) {
          flags[i] = false;
          changed = true;
        }
      });
    }
  }
  const statics = new Map<string, StaticInfo>();
  prog.statics.forEach((s, i) => statics.set(s.name, { data: s, id: BigInt(i + 1), immutable: true }));
  for (const f of prog.functions) {
    withParents(fnRoots(f), (e, parent) => {
      if (e.kind !== 'Static') return;
      const s = statics.get(e.name);
      if (s && !readOnlyUse(e, parent, roParam)) s.immutable = false;
    });
  }
  // Direct effects, then closed over the call graph.
  const effects = new Map<string, Effects>();
  const callees = new Map<string, Set<string>>();
  for (const f of prog.functions) {
    const ef: Effects = { stores: false, resets: false, allocs: false };
    const cs = new Set<string>();
    const local = localBlockVars(f);
    for (const r of fnRoots(f)) {
      forEachNode(r, (e) => {
        if (e.kind === 'Store' && !(e.target.kind === 'Var' && local.has(e.target.name))) ef.stores = true;
        if (e.kind === 'ArenaReset') ef.resets = true;
        if (e.kind === 'ArenaAlloc' || e.kind === 'RegionCopyOut') ef.allocs = true;
        if (e.kind === 'Call') cs.add(e.fn);
      });
    }
    effects.set(f.name, ef);
    callees.set(f.name, cs);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, ef] of effects) {
      for (const c of callees.get(name) ?? []) {
        const o = effects.get(c);
        if (!o) continue;
        for (const k of ['stores', 'resets', 'allocs'] as const) {
          if (o[k] && !ef[k]) {
            ef[k] = true;
            changed = true;
          }
        }
      }
    }
  }
  const called = new Set<string>();
  for (const cs of callees.values()) for (const c of cs) called.add(c);
  return { statics, effects, component: recursiveComponents(fns, callees), called, readOnly: ro };
}

/** Variables bound (immutably) to memory this function allocates itself, and views of it. */
function localBlockVars(f: CoreFn): Set<string> {
  const out = new Set<string>();
  const fresh = (e: CExpr): boolean => {
    switch (e.kind) {
      case 'StackAlloc':
      case 'ArenaAlloc':
      case 'RegionAlloc':
        return true;
      case 'PtrAdd':
      case 'SpanOfPtr':
        return fresh(e.ptr);
      case 'SpanSlice':
        return fresh(e.source);
      case 'Var':
        return out.has(e.name);
      default:
        return false;
    }
  };
  forEachNode(f.body, (e) => {
    if (e.kind === 'Let' && !e.mutable && fresh(e.init)) out.add(e.name);
  });
  return out;
}

/** The strongly connected components of the call graph; only recursive ones (a cycle) are kept. */
function recursiveComponents(fns: Map<string, CoreFn>, callees: Map<string, Set<string>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const next = (v: string) => [...(callees.get(v) ?? [])].filter((w) => fns.has(w));
  for (const c of stronglyConnected(fns.keys(), next)) {
    const comp = new Set(c);
    const cyclic = comp.size > 1 || (callees.get(c[0]!)?.has(c[0]!) ?? false);
    if (cyclic) for (const w of comp) out.set(w, comp);
  }
  return out;
}
