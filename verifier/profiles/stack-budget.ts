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
import { runCore } from '../semantics/run.ts';
import { callGraph } from './callgraph.ts';
import { depthBound } from './depth.ts';
import { frameOf, staticBytes, type Frame } from './frames.ts';

export type PathStep = { fn: string; frameBytes: number; frames: number };

export type StackBudgetResult = {
  /** `<entry>/stack-budget/<line>:<col>` at the entry function (or the first function). */
  id: string;
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
  const id = entryFn ? `${entryFn.name}/stack-budget/${entryFn.span.line}:${entryFn.span.col}` : 'program/stack-budget/1:1';
  const base = { id, category: 'stack-budget' as const, budgetBytes: budget, staticBytes: statics, frames: [...frames.values()] };
  if (!entryFn) return { ...base, verdict: 'proved', detail: `uses ${statics} of ${budget} bytes: no functions; static ${statics}`, usedBytes: statics, path: [] };

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

  // A lower bound: what every run pushes (unconditional allocations and calls).
  const must = (f: string, active: Set<string>): number => {
    const fr = frames.get(f)!;
    let deepest = 0;
    active.add(f);
    for (const callee of fr.mustCalls) if (!active.has(callee) && frames.has(callee)) deepest = Math.max(deepest, must(callee, active));
    active.delete(f);
    return fr.must + deepest;
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
  const lower = p.entry ? must(entryFn.name, new Set()) + statics : statics;

  if (!('unknown' in upper) && upper.bytes + statics <= budget) {
    const used = upper.bytes + statics;
    return { ...base, verdict: 'proved', usedBytes: used, path: upper.path, detail: `uses ${used} of ${budget} bytes: ${showPath(upper.path)}; static ${statics}` };
  }
  const path = 'unknown' in upper ? [] : upper.path;
  const usedBytes = 'unknown' in upper ? null : upper.bytes + statics;
  if (lower > budget) {
    return { ...base, verdict: 'refuted', usedBytes, path, detail: `uses at least ${lower} of ${budget} bytes on every run (from ${entryFn.name}, static ${statics})` };
  }
  if (p.entry && opts.run !== false) {
    const minFrame = Math.min(...[...frames.values()].map((f) => f.must));
    const depth = Math.floor((budget - statics) / minFrame);
    const r = runCore(p, { checks: false, args: [], stdin: '', write: () => {}, maxSteps: opts.maxSteps ?? 2_000_000, maxDepth: depth });
    if ('violation' in r && r.violation.category === 'stack overflow') {
      const atLeast = (depth + 1) * minFrame + statics;
      return {
        ...base,
        verdict: 'refuted',
        usedBytes,
        path,
        detail: `a run of ${entryFn.name} nests more than ${depth} calls: at least ${atLeast} of ${budget} bytes (${minFrame} bytes per call at least, static ${statics})`,
      };
    }
  }
  const detail =
    'unknown' in upper
      ? `${upper.unknown}; at least ${lower} of ${budget} bytes`
      : `between ${lower} and ${upper.bytes + statics} of ${budget} bytes: ${showPath(upper.path)}; static ${statics}`;
  return { ...base, verdict: 'unknown', usedBytes, path, detail };
}
