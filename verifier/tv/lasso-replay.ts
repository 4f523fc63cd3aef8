// The concrete half of a lasso refutation (lasso.ts): while the target runs on a model, the
// whole state of its frame is fingerprinted at every visit of a loop header of its body —
// every SSA value that is live there or defined outside the loop (values its body defines
// are dead at its header: the header dominates them), every block of memory (id, kind, size, liveness, the bytes
// written and where unwritten bytes come from), the allocation counters and the number of
// external calls made. The interpreter is deterministic given the model, and the model's
// answers are indexed by the call's number: the same fingerprint at two visits of one header
// with no call in between means the run from the second visit is the run from the first,
// again and again — it never returns. Values defined outside the loop may be more than is
// live (stale values of an enclosing loop's earlier iteration): more in the fingerprint can
// only hide a repeat, never make one up.
import { createHash, type Hash } from 'node:crypto';
import type { Block, Operation, Region, Value } from '../../compiler/mlir/ir.ts';
import { analyzeCfg } from '../semantics/mlir/cfg.ts';
import type { ByteSource, CBlock, ConcreteMemory } from '../semantics/mlir/concrete-memory.ts';
import type { CVal } from '../semantics/mlir/interp.ts';
import type { FuncInfo } from '../semantics/mlir/module-info.ts';
import { flatten } from '../semantics/mlir/values.ts';

const vkey = (v: Value) => (v.index === null ? v.name : `${v.name}#${v.index}`);

/** The run came back to `header` in the state of an earlier visit. */
export class Diverges extends Error {
  constructor(readonly header: string, readonly first: number, readonly again: number) {
    super(`the state at ^${header} at visit ${again} is the state of visit ${first}`);
  }
}

/** A hook for the interpreter (InterpOptions.onBlockEntry) that throws Diverges. */
export function lassoDetector(fn: FuncInfo, memory: ConcreteMemory, calls: () => number | string) {
  const body = fn.body!;
  const headers = loopHeaders(body);
  const seen = new Map<string, number>();
  const visits = new Map<Block, number>();
  const sid = sourceIds();
  return (region: Region, block: Block, env: Map<string, CVal>, depth: number): void => {
    const dead = headers.get(block);
    if (depth !== 1 || region !== body || !dead) return;
    const visit = visits.get(block) ?? 0;
    visits.set(block, visit + 1);
    const key = `${block.label ?? 'entry'}\0${fingerprint(env, dead, memory, calls(), sid)}`;
    const first = seen.get(key);
    if (first !== undefined) throw new Diverges(block.label ?? 'entry', first, visit);
    seen.set(key, visit);
  };
}

const headersOf = new WeakMap<Region, Map<Block, Set<string>>>();

/** The loop headers of a region's CFG, each with the keys of the values its loop's body
 *  defines (dead at the header; also lasso-bodies.ts). */
export function loopHeaders(body: Region): Map<Block, Set<string>> {
  const known = headersOf.get(body);
  if (known) return known;
  const cfg = analyzeCfg(body);
  const headers = new Map<Block, Set<string>>();
  for (const [h, loop] of cfg.loops) {
    const dead = new Set<string>();
    const defs = (ops: Operation[]) => {
      for (const op of ops) {
        for (const r of op.results) dead.add(vkey(r));
        for (const rg of op.regions) for (const b of rg.blocks) {
          for (const a of b.args) dead.add(vkey(a));
          defs(b.ops);
        }
      }
    };
    for (const i of loop.body) {
      const b = cfg.blocks[i]!;
      if (i !== h) for (const a of b.args) dead.add(vkey(a));
      defs(b.ops);
    }
    headers.set(cfg.blocks[h]!, dead);
  }
  headersOf.set(body, headers);
  return headers;
}

/** Numbers for byte sources (functions) within one run: the fingerprint's name of each. */
export function sourceIds(): (s: ByteSource) => number {
  const sources = new WeakMap<ByteSource, number>();
  let nextSource = 0;
  return (s) => {
    const known = sources.get(s);
    if (known !== undefined) return known;
    sources.set(s, nextSource);
    return nextSource++;
  };
}

/** The state of a frame and of memory, as a hash: the values in `env` but those in `dead`,
 *  every block of memory, the allocation counters and `calls`. */
export function fingerprint(env: Map<string, CVal>, dead: Set<string>, memory: ConcreteMemory, calls: number | string, sid: (s: ByteSource) => number): string {
  const h = createHash('sha256');
  h.update(`calls ${calls} alloc ${memory.allocCount} ${memory.privateCount} ${memory.stackCount}\n`);
  for (const k of [...env.keys()].sort()) {
    if (dead.has(k)) continue;
    h.update(k);
    for (const x of flatten(env.get(k)!)) h.update(x.kind === 'ptr' ? ` p${x.bid}:${x.off}:${x.poison}` : ` ${x.kind}${x.w}:${x.v}:${x.poison}`);
    h.update('\n');
  }
  for (const bid of [...memory.blocks.keys()].sort((a, b) => a - b)) hashBlock(h, memory.blocks.get(bid)!, sid);
  return h.digest('hex');
}

/** One block into a fingerprint: its id, kind, size, flags and (unless read-only) its bytes
 *  and where unwritten ones come from; returns about how many bytes it hashed. */
export function hashBlock(h: Hash, b: CBlock, sid: (s: ByteSource) => number): number {
  h.update(`block ${b.bid} ${b.kind} ${b.size} ${b.alive} ${b.readonly} ${b.freeable} ${b.observable}\n`);
  if (b.readonly) return 0; // nobody writes it: the same bytes at every visit
  let n = 0;
  if (b.dense) {
    h.update(b.dense);
    if (b.densePoison) h.update(b.densePoison);
    n = b.dense.length;
  } else {
    h.update(`src ${sid(b.source)}`);
    for (const off of [...b.sparse!.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))) h.update(` ${off}=${b.sparse!.get(off)}${b.sparsePoison!.has(off) ? 'p' : ''}`);
    n = b.sparse!.size * 8;
  }
  h.update('\n');
  return n;
}
