// What the two sides of a refinement query share: one term factory, the block ids of the
// globals of both modules, the callee ids, the initial memory (globals and argument blocks)
// and the function's arguments — one unknown per scalar slot, so that a memref argument at
// one stage and its five scalars after convert-func-to-llvm are the same unknowns.
import type { Operation, Type } from '../../compiler/mlir/ir.ts';
import { opAttr, walk } from '../../compiler/mlir/ir.ts';
import { TermFactory } from '../smt/factory.ts';
import { arraySort, BOOL, bvSort, type Term } from '../smt/term.ts';
import { ARG_BASE } from '../semantics/mlir/memory.ts';
import { globalIds, type FuncInfo, type ModuleInfo } from '../semantics/mlir/module-info.ts';
import { staticLayout } from '../semantics/mlir/ops-memref.ts';
import { BYTES_SORT, U_SORT, type SymBlock, type SymMemState } from '../semantics/mlir/symbolic-memory.ts';
import type { SymEnv, SScalar } from '../semantics/mlir/symexec.ts';
import { symbolicDomain } from '../semantics/mlir/symbolic-domain.ts';
import { sealedGlobals, type Sealed } from './sealed-globals.ts';
import { BID_BITS, OFF_BITS, slotsOf, Unsupported, type SlotKind } from '../semantics/mlir/values.ts';

export type PairEnv = {
  env: SymEnv;
  ids: Map<string, number>;
  callees: Map<string, number>;
  /** Globals by name (from either module; the first that defines it). */
  globals: Map<string, ModuleInfo['globals'] extends Map<string, infer G> ? G : never>;
  /** Private globals whose address never escapes: no argument points into one. */
  sealed: Set<string>;
  /** The same, per external callee (sealed-globals.ts; the replay reads it). */
  sealedAt: Sealed;
};

export function pairEnv(src: ModuleInfo, tgt: ModuleInfo, unroll: number): PairEnv {
  const f = new TermFactory();
  const D = symbolicDomain(f);
  const ids = globalIds([src, tgt]);
  // a global's start has the larger of the two alignments (globals.ts: the target may raise
  // it, and its accesses may then ask for it)
  const globals = new Map([...tgt.globals, ...src.globals].map(([n, g]) => [n, { ...g, align: Math.max(g.align, src.globals.get(n)?.align ?? 1, tgt.globals.get(n)?.align ?? 1) }]));
  const globalKeys = new Map<string, number>();
  [...ids.keys()].forEach((n, k) => globalKeys.set(n, k));
  const callees = new Map<string, number>();
  const env: SymEnv = {
    f,
    D,
    unroll,
    calleeId: (name) => {
      let id = callees.get(name);
      if (id === undefined) callees.set(name, (id = callees.size + 1));
      return id;
    },
    globalKeys,
    fresh: f.var('mem.fresh', arraySort(bvSort(BID_BITS), BYTES_SORT)),
  };
  const sealedAt = sealedGlobals(src, tgt);
  return { env, ids, callees, globals, sealed: sealedAt.closed, sealedAt };
}

export type ArgLayout = {
  slots: SlotKind[];
  /** One scalar per slot (shared by both sides). */
  values: SScalar[];
  /** Assumptions on the arguments (pointer slots point into argument blocks, mentioned
   *  globals or nowhere; static memref fields hold their static values). */
  pre: Term[];
  /** The initial memory (globals, then one block per pointer slot). */
  memory: SymMemState;
  /** Key of the argument block of each pointer slot. */
  argBlocks: number[];
};

/** Globals a function refers to by name (once per parsed function: argLayout asks at every
 *  symbolic run of a check; callers only read the set). */
function mentionedGlobals(fn: FuncInfo): Set<string> {
  let out = mentionedCache.get(fn);
  if (!out) mentionedCache.set(fn, (out = scanMentioned(fn)));
  return out;
}
const mentionedCache = new WeakMap<FuncInfo, Set<string>>();

function scanMentioned(fn: FuncInfo): Set<string> {
  const out = new Set<string>();
  if (!fn.body) return out;
  for (const b of fn.body.blocks)
    for (const op of walk(b.ops)) {
      const a = opAttr(op, op.name === 'llvm.mlir.addressof' ? 'global_name' : 'name');
      if ((op.name === 'memref.get_global' || op.name === 'llvm.mlir.addressof') && a && a.kind === 'symbolRef') out.add(a.root);
    }
  return out;
}

/** The shared arguments and initial memory of a function pair. `readOnlyArgs`: an argument
 *  block may be read-only memory (MLIR -> MLIR: a caller may pass a constant global or a
 *  string literal, so a target that writes where the source only reads is UB there — an
 *  introduced store was proved; probe-introduced-store.test.ts); off for Core -> MLIR, whose
 *  Core semantics has no read-only argument memory. */
export function argLayout(p: PairEnv, src: FuncInfo, tgt: FuncInfo, readOnlyArgs = false): ArgLayout {
  const { f, D } = p.env;
  const slots = src.params.flatMap(slotsOf);
  const pre: Term[] = [];
  // globals first: constant ones private with their bytes, the others in U
  const blocks: SymBlock[] = [];
  for (const [name, key] of p.env.globalKeys) {
    const g = p.globals.get(name)!;
    const b: SymBlock = {
      key,
      bid: f.bv(p.ids.get(name)!, BID_BITS),
      kind: 'static',
      size: f.bv(g.size, OFF_BITS),
      alive: f.true,
      readonly: g.readonly,
      freeable: f.false,
      inU: !g.readonly,
      origin: `@${name}`,
      align: g.align,
      ...(p.sealed.has(name) ? { sealed: true } : {}),
      // undef engineer: where the function stores a read of memory nobody wrote (undef),
      // moved unchanged, into memory the caller sees (query.ts undefMemory)
      ...(g.readonly ? {} : { fresh: f.constArray(bvSort(OFF_BITS), f.false) }),
    };
    if (g.readonly) {
      if (!g.init) throw new Unsupported(`constant global @${name} without a supported initializer${g.initProblem ? ` (${g.initProblem})` : ''}`);
      let data = f.constArray(bvSort(OFF_BITS), f.bv(0, 8));
      g.init.forEach((x, i) => x !== 0 && (data = f.store(data, f.bv(i, OFF_BITS), f.bv(x, 8))));
      b.data = data;
      b.poison = f.constArray(bvSort(OFF_BITS), f.false);
      b.lit = g.init;
    }
    blocks.push(b);
  }
  const mentioned = new Set([...mentionedGlobals(src), ...mentionedGlobals(tgt)]);
  // a caller cannot pass a pointer into a private global whose address never escapes (a false
  // refutation: tests/verifier/tv/probe-sealed-globals.test.ts)
  const mentionedKeys = [...mentioned].filter((n) => p.env.globalKeys.has(n) && !p.sealed.has(n)).map((n) => p.env.globalKeys.get(n)!);
  const ptrSlots = slots.map((s, i) => (s.kind === 'ptr' ? i : -1)).filter((i) => i >= 0);
  const argBlocks: number[] = [];
  ptrSlots.forEach((slot, j) => {
    const key = blocks.length;
    argBlocks.push(key);
    blocks.push({
      key,
      bid: f.bv(ARG_BASE + j, BID_BITS),
      kind: 'arg',
      size: f.var(`argblk.${j}.size`, bvSort(OFF_BITS)),
      alive: f.var(`argblk.${j}.alive`, BOOL),
      readonly: false,
      freeable: f.var(`argblk.${j}.freeable`, BOOL),
      ...(readOnlyArgs ? { writable: f.var(`argblk.${j}.writable`, BOOL) } : {}),
      inU: true,
      origin: `argument slot ${slot}`,
      fresh: f.constArray(bvSort(OFF_BITS), f.false), // undef engineer: as a mutable global's
    });
  });
  const pts = [...argBlocks, ...mentionedKeys];
  const values: SScalar[] = slots.map((s, i) => {
    const poison = f.var(`arg.${i}.poison`, BOOL);
    if (s.kind === 'ptr') {
      const bid = f.var(`arg.${i}.bid`, bvSort(BID_BITS));
      pre.push(f.or(f.eq(bid, f.bv(0, BID_BITS)), ...pts.map((k) => f.eq(bid, blocks[k]!.bid))));
      return { kind: 'ptr', bid, off: f.var(`arg.${i}.off`, bvSort(OFF_BITS)), poison, pts };
    }
    const v = f.var(`arg.${i}`, bvSort(s.w));
    return s.kind === 'int' ? { kind: 'int', w: s.w, v, poison } : { kind: 'float', w: s.w, v, poison };
  });
  // a memref argument's static sizes, strides and offset hold their static values
  let at = 0;
  for (const t of src.params) {
    const n = slotsOf(t).length;
    if (t.kind === 'memref') staticFacts(t, values.slice(at, at + n), pre, D);
    at += n;
  }
  return {
    slots,
    values,
    pre,
    memory: { U: f.var('mem.U0', U_SORT), UP: f.constArray(bvSort(BID_BITS + OFF_BITS), f.false), blocks, allocCount: f.bv(0, BID_BITS), privateCount: f.bv(0, BID_BITS), stackCount: f.bv(0, BID_BITS) },
    argBlocks,
  };
}

function staticFacts(t: Type & { kind: 'memref' }, xs: SScalar[], pre: Term[], D: ReturnType<typeof symbolicDomain>): void {
  const r = t.shape.length;
  const lay = staticLayout(t);
  const field = (i: number) => xs[i] as Extract<SScalar, { kind: 'int' }>;
  const fix = (x: Extract<SScalar, { kind: 'int' }>, v: bigint) => pre.push(D.eq(x.v, D.lit(v, 64), 64), D.notB(x.poison));
  if (lay.offset !== null) fix(field(2), lay.offset);
  t.shape.forEach((s, k) => s !== null && fix(field(3 + k), BigInt(s)));
  lay.strides.forEach((s, k) => s !== null && fix(field(3 + r + k), s));
}

export type { Operation };
