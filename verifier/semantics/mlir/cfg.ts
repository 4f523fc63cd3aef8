// The loop structure of a region's control-flow graph, for symbolic execution: a reverse
// post-order (a topological order once back edges are removed), dominators, natural loops
// (header, body, parent loop) and, per loop, the values defined inside it that are used
// after it exits. Irreducible control flow is reported unsupported.
import type { Block, Operation, Region, Value } from '../../../compiler/mlir/ir.ts';
import { Unsupported } from './values.ts';

export type Loop = { header: number; body: Set<number>; parent: number | null; liveOut: Value[] };

export type CfgInfo = {
  blocks: Block[];
  index: Map<string, number>;
  succ: number[][];
  rpo: number[];
  /** Position of each block in rpo. */
  order: number[];
  /** Innermost loop (by header) of each block, or null. */
  loopOf: (number | null)[];
  loops: Map<number, Loop>;
};

const vkey = (v: Value) => (v.index === null ? v.name : `${v.name}#${v.index}`);

// Parsed MLIR is never mutated, and the same region is analysed by every symbolic run of a
// function (the cut-point attempts, the bounded run, the escape analysis, the loop order):
// once per region is enough. Callers only read a CfgInfo.
const cache = new WeakMap<Region, CfgInfo>();

export function analyzeCfg(region: Region): CfgInfo {
  let c = cache.get(region);
  if (!c) cache.set(region, (c = computeCfg(region)));
  return c;
}

function computeCfg(region: Region): CfgInfo {
  const blocks = region.blocks;
  const index = new Map<string, number>();
  blocks.forEach((b, i) => b.label && index.set(b.label, i));
  const succ = blocks.map((b) => {
    const term = b.ops[b.ops.length - 1];
    return (term?.successors ?? []).map((s) => {
      const t = index.get(s.label);
      if (t === undefined) throw new Unsupported(`branch to unknown block ^${s.label}`);
      return t;
    });
  });
  // reverse post-order from the entry
  const post: number[] = [];
  const seen = new Set<number>();
  const stack: [number, number][] = [[0, 0]];
  seen.add(0);
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const [b, i] = top;
    if (i < succ[b]!.length) {
      top[1]++;
      const s = succ[b]![i]!;
      if (!seen.has(s)) {
        seen.add(s);
        stack.push([s, 0]);
      }
    } else {
      post.push(b);
      stack.pop();
    }
  }
  const rpo = post.reverse();
  const order = blocks.map(() => -1);
  rpo.forEach((b, i) => (order[b] = i));
  // dominators (iterative, over rpo)
  const preds: number[][] = blocks.map(() => []);
  succ.forEach((ss, b) => order[b]! >= 0 && ss.forEach((s) => preds[s]!.push(b)));
  const idom: number[] = blocks.map(() => -1);
  idom[0] = 0;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (order[a]! > order[b]!) a = idom[a]!;
      while (order[b]! > order[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of rpo) {
      if (b === 0) continue;
      let nd = -1;
      for (const p of preds[b]!) if (idom[p]! >= 0) nd = nd < 0 ? p : intersect(p, nd);
      if (nd >= 0 && idom[b] !== nd) {
        idom[b] = nd;
        changed = true;
      }
    }
  }
  const dominates = (a: number, b: number) => {
    for (let x = b; ; x = idom[x]!) {
      if (x === a) return true;
      if (x === 0) return a === 0;
    }
  };
  // back edges and natural loops
  const loops = new Map<number, Loop>();
  for (const b of rpo) {
    for (const s of succ[b]!) {
      if (order[s]! > order[b]!) continue; // forward edge
      if (!dominates(s, b)) throw new Unsupported('irreducible control flow');
      const loop = loops.get(s) ?? { header: s, body: new Set([s]), parent: null, liveOut: [] };
      loops.set(s, loop);
      const work = [b];
      while (work.length) {
        const x = work.pop()!;
        if (loop.body.has(x)) continue;
        loop.body.add(x);
        for (const p of preds[x]!) work.push(p);
      }
    }
  }
  // nesting: the parent is the smallest other loop containing the header
  for (const l of loops.values()) {
    let best: Loop | null = null;
    for (const o of loops.values()) {
      if (o === l || !o.body.has(l.header)) continue;
      if (!best || o.body.size < best.body.size) best = o;
    }
    l.parent = best ? best.header : null;
  }
  const loopOf = blocks.map((_, b) => {
    let best: Loop | null = null;
    for (const l of loops.values()) if (l.body.has(b) && (!best || l.body.size < best.body.size)) best = l;
    return best ? best.header : null;
  });
  // values defined in a loop and used outside it
  const defBlock = new Map<string, number>();
  blocks.forEach((blk, b) => {
    blk.args.forEach((a) => defBlock.set(vkey(a), b));
    for (const op of blk.ops) for (const r of op.results) defBlock.set(vkey(r), b);
  });
  const uses = (op: Operation, out: Value[]) => {
    out.push(...op.operands);
    for (const s of op.successors) out.push(...s.args);
    for (const r of op.regions) for (const blk of r.blocks) for (const inner of blk.ops) uses(inner, out);
  };
  // each block's uses are collected once (not once per loop: that walk was most of the cost
  // of this analysis on large LLVM-dialect functions); the order of each liveOut list is the
  // same as a walk per loop gives (block order, first use)
  if (loops.size > 0) {
    const found = new Map<Loop, Map<string, Value>>([...loops.values()].map((l) => [l, new Map()]));
    blocks.forEach((blk, b) => {
      const used: Value[] = [];
      for (const op of blk.ops) uses(op, used);
      for (const v of used) {
        const k = vkey(v);
        const d = defBlock.get(k);
        if (d === undefined) continue;
        for (const l of loops.values()) if (l.body.has(d) && !l.body.has(b)) found.get(l)!.set(k, v);
      }
    });
    for (const l of loops.values()) l.liveOut = [...found.get(l)!.values()];
  }
  return { blocks, index, succ, rpo, order, loopOf, loops };
}
