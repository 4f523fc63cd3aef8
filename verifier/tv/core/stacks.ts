// Stack arrays passed to calls (core-calls engineer). A Core `NativePtr.stackalloc<T> n` is a
// block of the function's own (a literal id from OWN_BASE, zero-filled); core-to-mlir makes
// it a `memref.alloca` (`%stack_N`, compiler/codegen/memory.ts genStackAlloc) zeroed by
// `clef_zero_S`. While the array stays private neither side needs a correspondence (each
// reads what it wrote); once the function hands it to a Clef call, the callee must see the
// same elements on both sides and the caller must read back what the callee left. So the
// block is related like an argument block (memory.ts BlockPair) at the calls only:
//   - at each call after its allocation, the MLIR bytes of the alloca hold Core's elements
//     (calls.ts: the call's mismatch), and the alloca has at least Core's bytes;
//   - after the call, both sides agree on them (assumed, as for argument blocks: the callee
//     is one function, validated on its own; it writes only the blocks it is handed);
//   - a span or pointer into it is passed as a memref over that alloca (calls.ts callWords);
//   - not at entry (it does not exist yet) nor at the return (stack memory is gone).
// The correspondence is a witness of the check, never trusted for a verdict: the k-th Core
// StackAlloc (evaluation order) is the k-th `%stack_` alloca of `@clef.f` (text order). What
// soundness needs is that it is one fixed one-to-one map between blocks Core allocated and
// blocks the target allocated: both sides' ids are distinct literals (one allocation per
// site: no stackalloc under a branch or a loop), so two Core blocks are never one MLIR block
// and a Core block never shares its MLIR block with an argument, a static or another
// allocation. A wrong map only makes the contents or the words differ (not proved).
import type { CExpr, CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import { childrenOf as children } from '../../../compiler/core/walk.ts';
import type { SymIntDomain } from '../../semantics/symbolic/domain.ts';
import type { Operation, Region } from '../../../compiler/mlir/ir.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { SymResult } from '../../semantics/symbolic/function.ts';
import type { SideResult } from '../../semantics/mlir/symexec.ts';
import type { FuncInfo } from '../../semantics/mlir/module-info.ts';
import { KIND, meta, OWN_BASE, type SymMemory } from '../../semantics/symbolic/memory.ts';
import { elementOf, type BlockPair } from './memory.ts';

/** A block of the function's own related at calls: a Core stack array and its MLIR alloca,
 *  or an arena allocation and its bytes in the arena's block (arena-calls.ts). */
export type StackPair = {
  pair: BlockPair;
  /** The MLIR block's size in bytes (the alloca's), and Core's element count times the
   *  element size: the alloca must hold at least that (stack arrays). */
  bytes?: Term;
  coreBytes?: Term;
  /** Whether Core had allocated the block in memory `m` (syntactically: on every path). */
  allocated: (m: SymMemory) => boolean;
  /** Where it is alive in memory `m` (an arena allocation: no reset since); absent: always. */
  alive?: (m: SymMemory) => Term;
  /** An arena allocation: Core's arena id, and the MLIR byte range it owns. */
  arena?: { core: Term; buf: Term; lo: Term; hi: Term };
};

/** The stack arrays of `fn` that can be related, and why the others cannot (for the
 *  verdict of a call that passes one). */
export function stackPairs(F: TermFactory, CD: SymIntDomain, prog: CoreProgram, fn: CoreFn, fi: FuncInfo, core: SymResult, T: SideResult['final']): { pairs: StackPair[]; why: string | null } {
  const nodes = allocNodes(fn.body, 'StackAlloc');
  if (!nodes.length) return { pairs: [], why: null };
  if (nodes.some((n) => n.conditional)) return { pairs: [], why: 'a stack array allocated under a branch or in a loop' };
  const sites = fi.body ? allocaSites(fi.body, 'stack_') : [];
  if (sites.length !== nodes.length) return { pairs: [], why: `${nodes.length} Core stack arrays and ${sites.length} MLIR %stack_ allocas` };
  const ids = coreOwnIds(core, 'kind', BigInt(KIND.stack));
  const pairs: StackPair[] = [];
  let why: string | null = null;
  nodes.forEach((n, k) => {
    const id = ids[k];
    if (id === undefined) return; // never allocated on the paths explored: nothing passes it
    const e = n.node;
    if (e.elem.kind !== 'int' && e.elem.kind !== 'char' && e.elem.kind !== 'float' && e.elem.kind !== 'bool') {
      why = `a stack array of ${e.elem.kind} elements`;
      return;
    }
    const blocks = T.mem.blocks.filter((b) => b && b.site === sites[k]);
    const b = blocks[0];
    if (blocks.length !== 1 || !b || !b.inU || b.kind !== 'stack' || b.bid.kind !== 'bv') {
      why = `a stack array whose alloca ${!b ? 'is not on every path' : !b.inU ? 'does not escape in the MLIR' : 'has no fixed block id'}`;
      return;
    }
    const el = elementOf(prog.types, CD, e.elem);
    const coreId = F.bv(id, 32);
    const size = e.count.kind === 'Const' && typeof e.count.value === 'bigint' ? F.bv(e.count.value, 64) : meta(F, core.finalMemory, 'size', coreId);
    const known = new Map<number, boolean>();
    pairs.push({
      pair: { what: `the stack array ${k} of ${fn.name}`, core: coreId, bid: b.bid, key: el.key, sz: el.sz, size, ...(el.bool ? { bool: true } : {}) },
      bytes: b.size,
      coreBytes: F.app('bvmul', [size, F.bv(el.sz, 64)]),
      allocated: (m) => storesKind(m.kind, coreId, known, BigInt(KIND.stack)),
    });
  });
  return { pairs, why };
}

/** The stack arrays some Clef call of Core's run is handed (the others stay private). */
export function stackPairsPassed(F: TermFactory, CD: SymIntDomain, prog: CoreProgram, fn: CoreFn, fi: FuncInfo, core: SymResult, T: SideResult['final']): { pairs: StackPair[]; why: string | null } {
  const passed = new Set<number>();
  for (const c of core.calls) for (const a of c.args) if (a.k === 'span' || a.k === 'ptr') passed.add(a.block.id);
  if (!passed.size) return { pairs: [], why: null };
  const all = stackPairs(F, CD, prog, fn, fi, core, T);
  return { pairs: all.pairs.filter((s) => passed.has(s.pair.core.id)), why: all.why };
}

/** The nodes of `kind` of a body in evaluation order; `conditional` under a branch, a loop or
 *  a quantifier (executed zero or several times). */
export function allocNodes<K extends 'StackAlloc' | 'ArenaCreate'>(body: CExpr, kind: K): { node: CExpr & { kind: K }; conditional: boolean }[] {
  const out: { node: CExpr & { kind: K }; conditional: boolean }[] = [];
  const go = (e: CExpr, cond: boolean): void => {
    if (e.kind === 'If') {
      go(e.cond, cond);
      go(e.then, true);
      go(e.else, true);
      return;
    }
    const inner = cond || e.kind === 'While' || e.kind === 'Quant';
    for (const c of children(e)) go(c, inner);
    if (e.kind === kind) out.push({ node: e as CExpr & { kind: K }, conditional: cond });
  };
  go(body, false);
  return out;
}

/** The `memref.alloca` ops core-to-mlir emitted with a result named `prefix...` (`%stack_N`
 *  for StackAlloc, `%arena_N` / `%used_N` for Arena.create), in text order. */
export function allocaSites(r: Region, prefix: string): Operation[] {
  const out: Operation[] = [];
  const go = (reg: Region): void => {
    for (const b of reg.blocks) {
      for (const op of b.ops) {
        if (op.name === 'memref.alloca' && op.results[0] && op.results[0].name.replace(/^%/, '').startsWith(prefix)) out.push(op);
        for (const x of op.regions) go(x);
      }
    }
  };
  go(r);
  return out;
}

/** Core's own ids (literals from OWN_BASE, in allocation order) whose meta `field` some state
 *  of the run sets (to `value`, when given): stack blocks by `kind`, arenas by `acap`. */
export function coreOwnIds(core: SymResult, field: 'kind' | 'acap', value?: bigint): bigint[] {
  const ids = new Set<bigint>();
  const roots = [core.finalMemory[field], ...core.calls.flatMap((c) => [c.memBefore[field], c.memAfter[field]])];
  // only along the array itself (stores, both arms of ites): a path condition may read
  // other arrays with stores of their own
  const seen = new Set<number>();
  const go = (t: Term): void => {
    if (seen.has(t.id) || t.kind !== 'app') return;
    seen.add(t.id);
    if (t.op === 'ite') {
      go(t.args[1]!);
      go(t.args[2]!);
    } else if (t.op === 'store') {
      const [a, j, v] = t.args;
      if (j?.kind === 'bv' && j.value >= OWN_BASE && (value === undefined || (v?.kind === 'bv' && v.value === value))) ids.add(j.value);
      go(a!);
    }
  };
  roots.forEach(go);
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether the kind array `a` certainly has block `id` set to stack: a store of it on every
 *  path (through stores at other literal ids and both arms of an ite). */
export function storesKind(a: Term, id: Term, memo: Map<number, boolean>, kind: bigint): boolean {
  const hit = memo.get(a.id);
  if (hit !== undefined) return hit;
  let r = false;
  if (a.kind === 'app' && a.op === 'store') {
    const [inner, j, v] = a.args;
    if (j!.id === id.id) r = v!.kind === 'bv' && v!.value === kind;
    else if (j!.kind === 'bv' && id.kind === 'bv') r = storesKind(inner!, id, memo, kind);
  } else if (a.kind === 'app' && a.op === 'ite') r = storesKind(a.args[1]!, id, memo, kind) && storesKind(a.args[2]!, id, memo, kind);
  memo.set(a.id, r);
  return r;
}
