// The divergence watch of a run with the bodies (replay.ts: `whole`) at scf.while heads and
// CFG loop headers (cf.br back edges) — at every call depth, each activation of a function on
// its own — where a state repeats up to the blocks the run can no longer reach.
//
// A loop that calls functions which allocate (a formatted line, an error text) leaks a block
// or more per iteration: its state never repeats exactly (tlv_parser's decode under
// int-range-optimizations prints one line forever, each from fresh buffers; issue 4 U4). Such
// a block matters to the rest of the run only through a pointer to it. In a module whose
// memory never holds a pointer (every memref's elements are integers, floats or indices; no
// llvm op) and where no op makes an integer of an address (memref.extract_aligned_pointer_as
// _index, or any llvm op: ptrtoint, icmp of pointers), the only pointers are SSA values. So
// the state at a head is: the values carried in and the frame's values in scope there, the
// runtime's input state and the count of calls the model answers (`progress`), and the blocks
// that are not fresh (globals, arguments, blocks calls returned) with the fresh ones those
// values point to. At a CFG header the values are the frame's but those the loop's blocks
// define (dead there: the header dominates them; lasso-replay.ts loopHeaders), the header's
// arguments included. Two visits of one head in one activation with that state equal: the run
// from the second is the run from the first, with fresh blocks numbered on (block ids are
// names only, as no op reads them) — it never returns. The frames of the callers wait
// unchanged meanwhile (nothing but this activation runs), and reach the blocks they hold only
// once it returns. Elsewhere (a module outside that fragment) the watch of the function run
// first (core/diverges-watch.ts) is all there is.
import { createHash } from 'node:crypto';
import { walk, type Operation, type Type } from '../../compiler/mlir/ir.ts';
import type { ConcreteMemory } from '../semantics/mlir/concrete-memory.ts';
import type { CVal, InterpOptions } from '../semantics/mlir/interp.ts';
import type { ModuleInfo } from '../semantics/mlir/module-info.ts';
import { flatten } from '../semantics/mlir/values.ts';
import type { Block, Region } from '../../compiler/mlir/ir.ts';
import { Diverges, hashBlock, loopHeaders, sourceIds } from './lasso-replay.ts';

/** Head visits fingerprinted per run at most, and bytes hashed in all (as diverges-watch.ts). */
const MAX_WATCHED = 20_000;
const MAX_HASHED = 64 << 20;

/** Ops that turn an address into an integer (a block id is then a value the run computes
 *  with), beyond the llvm dialect, which is excluded whole. */
const ADDRESS_OPS = new Set(['memref.extract_aligned_pointer_as_index']);

const vkey = (v: { name: string; index: number | null }) => (v.index === null ? v.name : `${v.name}#${v.index}`);

/** A type of the fragment: an integer, index or float, or a memref of those (any other —
 *  a memref of memrefs, an llvm type, a vector, an opaque one — is not). */
function fragmentType(t: Type): boolean {
  const scalar = (e: Type) => e.kind === 'integer' || e.kind === 'index' || e.kind === 'float';
  if (t.kind === 'memref' || t.kind === 'unrankedMemref') return scalar(t.element);
  return scalar(t) || t.kind === 'none';
}

const fragment = new WeakMap<ModuleInfo, boolean>();

/** Is every function of the module in the fragment the watch needs (no pointer in memory, no
 *  address as an integer)? */
export function pointerFreeMemory(info: ModuleInfo): boolean {
  let ok = fragment.get(info);
  if (ok !== undefined) return ok;
  ok = true;
  const typeOk = fragmentType;
  for (const f of info.funcs.values()) {
    if (f.dialect !== 'func' || ![...f.params, ...f.results].every(typeOk)) ok = false;
    for (const op of walk(f.body?.blocks.flatMap((b) => b.ops) ?? [])) {
      if (!ok) break;
      if (op.name.startsWith('llvm.') || ADDRESS_OPS.has(op.name)) ok = false;
      else if (![...op.results, ...op.operands].every((v) => typeOk(v.type))) ok = false;
      else if (op.regions.some((r) => r.blocks.some((b) => !b.args.every((a) => typeOk(a.type))))) ok = false;
    }
  }
  fragment.set(info, ok);
  return ok;
}

/** The values an scf.while's regions define (dead at its head: each use is dominated by a
 *  definition in the same pass through its region). */
const deadAtHead = new WeakMap<Operation, Set<string>>();
function definedInside(op: Operation): Set<string> {
  let d = deadAtHead.get(op);
  if (d) return d;
  d = new Set();
  for (const r of op.regions) {
    for (const b of r.blocks) {
      for (const a of b.args) d.add(vkey(a));
      for (const inner of walk(b.ops)) for (const res of inner.results) d.add(vkey(res));
    }
  }
  deadAtHead.set(op, d);
  return d;
}

const fresh = (kind: string) => kind === 'heap' || kind === 'stack';

/** A replay run's progress for its lasso watch: `calls` (what the run's calls did that its
 *  memory does not show) and the reads of unwritten memory that took a value (undefValues:
 *  each takes another, so a cycle through one does not repeat). */
export function runProgress(memory: ConcreteMemory, calls: number | string): string {
  return `${calls} u${memory.undefReadCount}`;
}

/** The function whose body holds `op` (the watch names it: the loop may be a callee's). */
const owners = new WeakMap<Operation, string>();
function functionOf(infos: ModuleInfo[], op: Operation): string | undefined {
  if (!owners.has(op)) {
    for (const info of infos) for (const f of info.funcs.values()) for (const o of walk(f.body?.blocks.flatMap((b) => b.ops) ?? [])) owners.set(o, f.name);
    if (!owners.has(op)) owners.set(op, '');
  }
  return owners.get(op) || undefined;
}

/** The function whose body holds a block (a CFG header's watch names it). */
const blockOwners = new WeakMap<Block, string>();
function functionOfBlock(infos: ModuleInfo[], block: Block): string | undefined {
  if (!blockOwners.has(block)) {
    const visit = (r: Region, name: string) => {
      for (const b of r.blocks) {
        blockOwners.set(b, name);
        for (const o of walk(b.ops)) for (const rg of o.regions) visit(rg, name);
      }
    };
    for (const info of infos) for (const f of info.funcs.values()) if (f.body) visit(f.body, f.name);
    if (!blockOwners.has(block)) blockOwners.set(block, '');
  }
  return blockOwners.get(block) || undefined;
}

/** The onLoopHead and onBlockEntry hooks (null outside the fragment: `infos` are the modules
 *  the run may execute). */
export function bodiesWatch(infos: ModuleInfo[], memory: ConcreteMemory, progress: () => number | string): Pick<InterpOptions, 'onLoopHead' | 'onBlockEntry'> | null {
  if (!infos.every(pointerFreeMemory)) return null;
  type Head = Operation | Block;
  const activations = new WeakMap<Map<string, CVal>, { id: number; visits: Map<Head, number>; seen: Map<string, number> }>();
  let nextActivation = 0;
  const ids = new Map<Head, number>();
  const sid = sourceIds();
  let watched = 0;
  let hashed = 0;
  /** A visit of a head: Diverges where this activation was at it in the same state before. */
  const visitHead = (head: Head, carried: CVal[], env: Map<string, CVal>, dead: Set<string>, name: () => string): void => {
    if (watched++ >= MAX_WATCHED || hashed > MAX_HASHED) return;
    let act = activations.get(env);
    if (!act) activations.set(env, (act = { id: nextActivation++, visits: new Map(), seen: new Map() }));
    if (!ids.has(head)) ids.set(head, ids.size);
    const visit = act.visits.get(head) ?? 0;
    act.visits.set(head, visit + 1);
    const key = `${act.id}\0${ids.get(head)}\0${stateHash(carried, env, dead)}`;
    const first = act.seen.get(key);
    if (first !== undefined) throw new Diverges(name(), first, visit);
    act.seen.set(key, visit);
  };
  const stateHash = (carried: CVal[], env: Map<string, CVal>, dead: Set<string>): string => {
    const h = createHash('sha256');
    h.update(`calls ${progress()}\n`);
    // the values in scope and carried in, and the fresh blocks they point to
    const pointed = new Set<number>();
    const put = (x: ReturnType<typeof flatten>[number]) => {
      if (x.kind === 'ptr') pointed.add(Number(x.bid));
      h.update(x.kind === 'ptr' ? ` p${x.bid}:${x.off}:${x.poison}` : ` ${x.kind}${x.w}:${x.v}:${x.poison}`);
    };
    h.update('carried');
    for (const c of carried) for (const x of flatten(c)) put(x);
    h.update('\n');
    for (const k of [...env.keys()].sort()) {
      if (dead.has(k)) continue;
      h.update(k);
      for (const x of flatten(env.get(k)!)) put(x);
      h.update('\n');
    }
    for (const bid of [...memory.blocks.keys()].sort((a, b) => a - b)) {
      const b = memory.blocks.get(bid)!;
      if (fresh(b.kind) && !pointed.has(bid)) continue; // no pointer reaches it any more
      hashed += hashBlock(h, b, sid);
    }
    return h.digest('hex');
  };
  return {
    onLoopHead: (op, carried, env) => visitHead(op, carried, env, definedInside(op), () => {
      const fn = functionOf(infos, op);
      return `${op.results[0] ? `the scf.while of %${op.results[0].name}` : 'an scf.while'}${fn ? ` in @${fn}` : ''}`;
    }),
    // CFG loop headers at every depth (the function run first's are also watched with its
    // whole memory, core/diverges-watch.ts; here a block per iteration no value reaches is
    // left out as at scf.while heads)
    onBlockEntry: (region, block, env) => {
      const dead = loopHeaders(region).get(block);
      if (!dead) return;
      visitHead(block, [], env, dead, () => {
        const fn = functionOfBlock(infos, block);
        return `${block.label ?? 'entry'}${fn ? ` in @${fn}` : ''}`;
      });
    },
  };
}
