// The `stack-budget` obligation of the embedded profile: the deepest stack the program
// can use (the maximum over call paths from the entry of the sum of frame sizes, a
// recursive call cycle counted with its depth bound) plus its static storage must fit the
// memory budget.
//
// Verdicts: `proved` when the upper bound fits; `refuted` when a lower bound does not —
// either the allocations every run makes (unconditional stack allocations along
// unconditional calls from the entry), or an actual run of the entry in the reference
// interpreter that nests more calls than the budget can hold even at the minimal call
// overhead; `unknown` otherwise, with the reason (a frame or a recursion depth without a
// bound, or a range that straddles the budget). The model counts every call as a frame
// (no tail-call elimination), so it is conservative for native code.
import type { CoreProgram } from '../../compiler/core/core.ts';
import type { Span } from '../../compiler/syntax/ast.ts';
import { runCore } from '../semantics/run.ts';
import { callGraph } from './callgraph.ts';
import { depthBound } from './depth.ts';
import { frameOf, MIN_CALL_OVERHEAD, staticBytes, type Frame } from './frames.ts';

export type PathStep = { fn: string; frameBytes: number; frames: number };

export type StackBudgetResult = {
  /** `<fn>/stack-budget/<line>:<col>` at `location`. */
  id: string;
  /** Where the verdict is located: for a refutation, the allocation that takes the
   *  program over the budget, or a recursive call; otherwise the entry function. */
  location: { fn: string; span: Span };
  category: 'stack-budget';
  verdict: 'proved' | 'refuted' | 'unknown';
  detail: string;
  /** Upper bound of stack + static bytes, when there is one. */
  usedBytes: number | null;
  budgetBytes: number;
  staticBytes: number;
  /** The deepest call path (upper bound), callers first. */
  path: PathStep[];
  frames: Frame[];
};

export type StackBudgetOptions = {
  budget: number;
  /** Run the entry in the interpreter to look for a refutation (default true). */
  run?: boolean;
  /** Step limit of that run (default 2 000 000). */
  maxSteps?: number;
};

type Cost = { bytes: number; path: PathStep[] } | { unknown: string };

function showPath(path: PathStep[]): string {
  return path.map((s) => (s.frames === 1 ? `${s.fn} (${s.frameBytes})` : `${s.fn} (${s.frameBytes} x ${s.frames})`)).join(' -> ');
}

export function stackBudget(p: CoreProgram, opts: StackBudgetOptions): StackBudgetResult {
  const budget = opts.budget;
  const g = callGraph(p);
  const frames = new Map(p.functions.map((f) => [f.name, frameOf(p, f)] as const));
  const statics = staticBytes(p);
  const entryFn = (p.entry ? g.fns.get(p.entry) : undefined) ?? p.functions[0];
  const at = (fn: string, span: Span) => ({ id: `${fn}/stack-budget/${span.line}:${span.col}`, location: { fn, span } });
  const base = { category: 'stack-budget' as const, budgetBytes: budget, staticBytes: statics, frames: [...frames.values()] };
  if (!entryFn) {
    const span: Span = { file: p.file, start: 0, end: 0, line: 1, col: 1 };
    return { ...base, ...at('program', span), verdict: 'proved', detail: `uses ${statics} of ${budget} bytes: no functions; static ${statics}`, usedBytes: statics, path: [] };
  }
  const entryAt = at(entryFn.name, entryFn.span);

  const memo = new Map<number, Cost>();
  const cost = (c: number): Cost => {
    const hit = memo.get(c);
    if (hit) return hit;
    const members = g.sccs[c]!;
    let own = 0;
    const ownPath: PathStep[] = [];
    let result: Cost | null = null;
    for (const f of members) {
      const fr = frames.get(f)!;
      if (fr.bytes === null) {
        result = { unknown: `the frame of ${f} has no bound: ${fr.unknown}` };
        break;
      }
      let n = 1;
      if (g.recursive.has(f)) {
        const d = depthBound(g.fns.get(f)!);
        if ('unknown' in d) {
          result = { unknown: `recursion depth unknown: ${d.unknown}` };
          break;
        }
        n = d.depth;
      }
      own += fr.bytes * n;
      ownPath.push({ fn: f, frameBytes: fr.bytes, frames: n });
    }
    if (!result) {
      let best: { bytes: number; path: PathStep[] } = { bytes: 0, path: [] };
      for (const f of members) {
        for (const site of g.calls.get(f)!) {
          const cc = g.sccOf.get(site.callee)!;
          if (cc === c) continue;
          const sub = cost(cc);
          if ('unknown' in sub) {
            result = sub;
            break;
          }
          if (sub.bytes > best.bytes) best = sub;
        }
        if (result) break;
      }
      result ??= { bytes: own + best.bytes, path: [...ownPath, ...best.path] };
    }
    memo.set(c, result);
    return result;
  };

  // A lower bound: what every run pushes (unconditional allocations and calls), with the
  // path that pushes it.
  const must = (f: string, active: Set<string>): { bytes: number; path: string[] } => {
    const fr = frames.get(f)!;
    let deepest = { bytes: 0, path: [] as string[] };
    active.add(f);
    for (const callee of fr.mustCalls) {
      if (active.has(callee) || !frames.has(callee)) continue;
      const sub = must(callee, active);
      if (sub.bytes > deepest.bytes) deepest = sub;
    }
    active.delete(f);
    return { bytes: fr.must + deepest.bytes, path: [f, ...deepest.path] };
  };
  /** The allocation at which the running total along `path` first exceeds the budget. */
  const crossing = (path: string[]) => {
    let total = statics;
    for (const f of path) {
      const fr = frames.get(f)!;
      total += fr.must - fr.mustAllocs.reduce((n, a) => n + a.bytes, 0);
      for (const a of fr.mustAllocs) {
        total += a.bytes;
        if (total > budget) return at(f, a.span);
      }
      if (total > budget) return at(f, g.fns.get(f)!.span);
    }
    return entryAt;
  };
  /** A call of a function of its own call cycle, reachable from the entry. */
  const recursiveCall = () => {
    const seen = new Set<string>();
    const todo = [entryFn.name];
    while (todo.length) {
      const f = todo.shift()!;
      if (seen.has(f)) continue;
      seen.add(f);
      for (const site of g.calls.get(f)!) {
        if (g.sccOf.get(site.callee) === g.sccOf.get(f) && g.recursive.has(f)) return at(f, site.node.span);
        todo.push(site.callee);
      }
    }
    return entryAt;
  };

  const roots = p.entry ? [entryFn.name] : p.functions.map((f) => f.name);
  let upper: Cost = { bytes: 0, path: [] };
  for (const r of roots) {
    const c = cost(g.sccOf.get(r)!);
    if ('unknown' in c) {
      upper = c;
      break;
    }
    if (c.bytes > (upper as { bytes: number }).bytes) upper = c;
  }
  const lowerPath = p.entry ? must(entryFn.name, new Set()) : { bytes: 0, path: [] };
  const lower = lowerPath.bytes + statics;

  if (!('unknown' in upper) && upper.bytes + statics <= budget) {
    const used = upper.bytes + statics;
    return { ...base, ...entryAt, verdict: 'proved', usedBytes: used, path: upper.path, detail: `uses ${used} of ${budget} bytes: ${showPath(upper.path)}; static ${statics}` };
  }
  const path = 'unknown' in upper ? [] : upper.path;
  const usedBytes = 'unknown' in upper ? null : upper.bytes + statics;
  if (lower > budget) {
    return {
      ...base,
      ...crossing(lowerPath.path),
      verdict: 'refuted',
      usedBytes,
      path,
      detail: `uses at least ${lower} of ${budget} bytes on every run: ${lowerPath.path.join(' -> ')}; static ${statics}`,
    };
  }
  if (p.entry && opts.run !== false) {
    // Overflowing `depth` nested calls means `depth` frames that each made a call (so
    // each holds at least its `beforeCalls`) plus the frame being pushed.
    const minFrame = Math.min(...[...frames.values()].map((f) => f.beforeCalls));
    const depth = Math.floor((budget - statics - MIN_CALL_OVERHEAD) / minFrame) + 1;
    const r = runCore(p, { checks: false, args: [], stdin: '', write: () => {}, maxSteps: opts.maxSteps ?? 2_000_000, maxDepth: depth });
    if ('violation' in r && r.violation.category === 'stack overflow') {
      const atLeast = depth * minFrame + MIN_CALL_OVERHEAD + statics;
      return {
        ...base,
        ...recursiveCall(),
        verdict: 'refuted',
        usedBytes,
        path,
        detail: `a run of ${entryFn.name} nests more than ${depth} calls: at least ${atLeast} of ${budget} bytes (each calling frame holds at least ${minFrame} bytes, static ${statics})`,
      };
    }
  }
  const detail =
    'unknown' in upper
      ? `${upper.unknown}; at least ${lower} of ${budget} bytes`
      : `between ${lower} and ${upper.bytes + statics} of ${budget} bytes: ${showPath(upper.path)}; static ${statics}`;
  return { ...base, ...entryAt, verdict: 'unknown', usedBytes, path, detail };
}
