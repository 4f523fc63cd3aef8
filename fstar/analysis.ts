// Whole-program facts the F* signatures need: each function's effect, which memory it may
// modify (its `modifies` clause), and where the buffers it returns come from.
//
// Effects: `Pure` for functions that touch no memory and terminate by a measure F* can
// check; `Div` (partial correctness) for such functions whose loops or recursion have no
// measure; `Stack` (Low*: stack allocation only, the caller's frame unchanged) for memory
// and console; `ST` for arenas and regions (they allocate outside the current frame).
// A divergent function called from `Stack`/`ST` code is emitted in `Stack` (F* has no
// divergent state effect in its stable library), where F* then demands termination.
import { childrenOf, forEachNode } from '../compiler/core/walk.ts';
import type { CExpr, CoreFn, CoreProgram } from '../compiler/core/core.ts';
import type { TypeTable } from '../compiler/types/types.ts';
import { callGraph, type CallGraph } from '../verifier/profiles/callgraph.ts';
import { hasFstarMeasure, loopMeasure, readsHeap } from './loops.ts';
import { holdsMemory } from './types.ts';

export type Eff = 'pure' | 'div' | 'stack' | 'st';

/** Where a buffer (or arena/region handle) comes from: a parameter, static storage, a
 *  local allocation bound to a variable, an allocation made inside the expression
 *  (`fresh`), or unknown (`any`). Encoded as strings `param:<i>`, `static:<name>`,
 *  `local:<var>`, `fresh`, `any`. */
export type Root = string;

export type FnFacts = {
  fn: CoreFn;
  eff: Eff;
  recursive: boolean;
  /** Roots the function may write visible to its caller (params, statics, `any`). */
  writes: Set<Root>;
  /** Roots of the returned value. */
  result: Set<Root>;
  /** Roots of every local variable holding memory. */
  vars: Map<string, Set<Root>>;
};

export type Analysis = { graph: CallGraph; facts: Map<string, FnFacts> };

const ARENA_REGION = new Set(['ArenaCreate', 'ArenaAlloc', 'ArenaRemaining', 'ArenaReset', 'RegionCreate', 'RegionAlloc', 'RegionRelease', 'RegionCopyOut']);
const STACK = new Set(['Load', 'Store', 'StackAlloc', 'PtrAdd', 'SpanOfPtr', 'SpanSlice', 'Static']);
const FRESH = new Set(['StackAlloc', 'ArenaCreate', 'RegionCreate', 'ArenaAlloc', 'RegionAlloc', 'RegionCopyOut']);

function directEffect(fn: CoreFn): Eff {
  let eff: Eff = 'pure';
  const visit = (e: CExpr): void => {
    if (ARENA_REGION.has(e.kind)) eff = 'st';
    else if (eff !== 'st' && (STACK.has(e.kind) || (e.kind === 'Builtin' && e.name.startsWith('Console.')))) eff = 'stack';
    childrenOf(e).forEach(visit);
  };
  visit(fn.body);
  // A contract that reads memory needs the heap, so the function is stateful.
  if (eff === 'pure' && [...fn.requires, ...fn.ensures].some(readsMemory)) eff = 'stack';
  return eff;
}

function readsMemory(e: CExpr): boolean {
  if (e.kind === 'Load' || e.kind === 'Static' || e.kind === 'ArenaRemaining') return true;
  return childrenOf(e).some(readsMemory);
}

/** Does the function (its own body) have a loop without an F* measure? */
function hasUnmeasuredLoop(fn: CoreFn): boolean {
  let found = false;
  forEachNode(fn.body, (e) => {
    if (e.kind === 'While' && !hasFstarMeasure(loopMeasure(e))) found = true;
  });
  return found;
}

/** The stronger effect; `div` below the stateful ones (a divergent callee of stateful code
 *  is made stateful itself, see `analyse`). */
function join(a: Eff, b: Eff): Eff {
  const rank: Record<Eff, number> = { pure: 0, div: 1, stack: 2, st: 3 };
  return rank[a] >= rank[b] ? a : b;
}

export function analyse(p: CoreProgram): Analysis {
  const graph = callGraph(p);
  const facts = new Map<string, FnFacts>();
  for (const fn of p.functions) {
    const recursive = graph.recursive.has(fn.name);
    let eff = directEffect(fn);
    const measured = !recursive || (fn.decreases !== null && !readsHeap(fn.decreases));
    if (eff === 'pure' && (hasUnmeasuredLoop(fn) || !measured)) eff = 'div';
    facts.set(fn.name, { fn, eff, recursive, writes: new Set(), result: new Set(), vars: new Map() });
  }
  // Effects flow from callees to callers (components are callee-first; iterate to a fixed
  // point for the components themselves).
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of facts.values()) {
      let eff = f.eff;
      for (const site of graph.calls.get(f.fn.name)!) eff = join(eff, facts.get(site.callee)!.eff);
      if (eff !== f.eff) {
        f.eff = eff;
        changed = true;
      }
    }
    // A divergent function called from stateful code becomes stateful (`Stack`).
    for (const f of facts.values()) {
      if (f.eff !== 'stack' && f.eff !== 'st') continue;
      for (const site of graph.calls.get(f.fn.name)!) {
        const g = facts.get(site.callee)!;
        if (g.eff === 'div') {
          g.eff = 'stack';
          changed = true;
        }
      }
    }
  }
  memoryRoots(p.types, facts);
  return { graph, facts };
}

// ---- Roots of memory ---------------------------------------------------------------

function rootsOf(e: CExpr, f: FnFacts, facts: Map<string, FnFacts>, types: TypeTable): Set<Root> {
  const out = new Set<Root>();
  const add = (s: Iterable<Root>): void => {
    for (const r of s) out.add(r);
  };
  switch (e.kind) {
    case 'Var':
      add(f.vars.get(e.name) ?? []);
      break;
    case 'Static':
      out.add(`static:${e.name}`);
      break;
    case 'SpanOfPtr':
    case 'PtrAdd':
      add(rootsOf(e.kind === 'SpanOfPtr' ? e.ptr : e.ptr, f, facts, types));
      break;
    case 'SpanSlice':
      add(rootsOf(e.source, f, facts, types));
      break;
    case 'Let':
      add(rootsOf(e.body, f, facts, types));
      break;
    case 'Seq':
      add(rootsOf(e.items[e.items.length - 1]!, f, facts, types));
      break;
    case 'If':
      add(rootsOf(e.then, f, facts, types));
      add(rootsOf(e.else, f, facts, types));
      break;
    case 'Call': {
      const g = facts.get(e.fn);
      if (!g) {
        out.add('any');
        break;
      }
      for (const r of g.result) {
        if (r.startsWith('param:')) add(rootsOf(e.args[Number(r.slice(6))]!, f, facts, types));
        else if (r.startsWith('static:') || r === 'any') out.add(r);
        else out.add('fresh');
      }
      break;
    }
    default:
      if (FRESH.has(e.kind)) out.add('fresh');
      else if (holdsMemory(types, e.ty)) out.add('any');
  }
  return out;
}

/** The roots written by one expression tree (stores, arena and region operations, calls). */
export function writesOf(es: CExpr[], f: FnFacts, facts: Map<string, FnFacts>, types: TypeTable): Set<Root> {
  const out = new Set<Root>();
  const add = (s: Iterable<Root>): void => {
    for (const r of s) out.add(r);
  };
  const visit = (e: CExpr): void => {
    switch (e.kind) {
      case 'Store':
        add(rootsOf(e.target, f, facts, types));
        break;
      case 'ArenaAlloc':
      case 'ArenaReset':
      case 'RegionCopyOut':
        add(rootsOf(e.arena, f, facts, types));
        break;
      case 'RegionAlloc':
      case 'RegionRelease':
        add(rootsOf(e.region, f, facts, types));
        break;
      case 'Call': {
        const g = facts.get(e.fn);
        if (!g) break;
        for (const r of g.writes) {
          if (r.startsWith('param:')) add(rootsOf(e.args[Number(r.slice(6))]!, f, facts, types));
          else out.add(r);
        }
        break;
      }
      default:
        break;
    }
    childrenOf(e).forEach(visit);
  };
  es.forEach(visit);
  return out;
}

function memoryRoots(types: TypeTable, facts: Map<string, FnFacts>): void {
  const sameSet = (a: Set<Root>, b: Set<Root>) => a.size === b.size && [...a].every((x) => b.has(x));
  for (const f of facts.values()) f.fn.params.forEach((p, i) => f.vars.set(p.name, new Set([`param:${i}`])));
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of facts.values()) {
      const update = (name: string, roots: Set<Root>): void => {
        const cur = f.vars.get(name) ?? new Set<Root>();
        const next = new Set([...cur, ...roots]);
        if (!sameSet(cur, next)) {
          f.vars.set(name, next);
          changed = true;
        }
      };
      forEachNode(f.fn.body, (e) => {
        if (e.kind === 'Let' && holdsMemory(types, e.init.ty))
          update(e.name, FRESH.has(e.init.kind) ? new Set([`local:${e.name}`]) : rootsOf(e.init, f, facts, types));
        if (e.kind === 'Assign' && holdsMemory(types, e.value.ty)) update(e.name, rootsOf(e.value, f, facts, types));
      });
      const result = new Set([...rootsOf(f.fn.body, f, facts, types)].filter((r) => r !== 'fresh'));
      if (!sameSet(result, f.result)) {
        f.result = result;
        changed = true;
      }
      const writes = new Set([...writesOf([f.fn.body], f, facts, types)].filter((r) => !r.startsWith('local:') && r !== 'fresh'));
      if (!sameSet(writes, f.writes)) {
        f.writes = writes;
        changed = true;
      }
    }
  }
}
