// Mutable globals an external call cannot reach. Code outside the module names only globals
// of non-local linkage (LLVM LangRef "Linkage Types": a private or internal global is not
// visible outside its module); it reaches a local one only through a pointer to it that
// escaped, or by calling back into a function of the module that names it (one with a body
// and non-local linkage, or whose address is taken).
//
// The symbolic call model writes ALL observable memory (an over-approximation, which also
// covers a callee that calls back: sound for `proved`). The replay (replay.ts) plays an
// external callee as one that neither touches these globals nor calls back — a real callee —
// and does not count their bytes as memory it sees; a model that differs only through them
// is not shown as refuted (SEALED: unknown). Such a model is no real run: without a call
// back, the callee cannot reach the global; with one, it can write only what the module's
// functions write there (a wrong `refuted`, review10 priv_global_only_f). Likewise the replay
// starts such a global from its initializer (replay.ts sealedStart): the model's contents
// at entry may be ones no function of the module stores.
import type { Operation, Region } from '../../compiler/mlir/ir.ts';
import { opAttr, topModule, valueRef, walk } from '../../compiler/mlir/ir.ts';
import type { ModuleInfo } from '../semantics/mlir/module-info.ts';

export type Sealed = {
  /** Global names a call of `callee` (a function without a body) can neither read nor
   *  write unless it calls back into the module. */
  at(callee: string): Set<string>;
  /** All of them: no pointer from outside the function (an argument, a load from memory it
   *  was given, a call's result) can point into one. */
  closed: Set<string>;
};

const NONE = new Set<string>();


function isLocal(op: Operation): boolean {
  const l = opAttr(op, 'linkage');
  if (l && l.kind === 'opaque') return /#llvm\.linkage<(private|internal)>/.test(l.text);
  const v = opAttr(op, 'sym_visibility');
  return !!v && v.kind === 'string' && v.value === 'private';
}

/** The symbol a reference op names: addressof (a global or a function), get_global, func.constant. */
function referenced(op: Operation): string | undefined {
  const key = op.name === 'llvm.mlir.addressof' ? 'global_name' : op.name === 'memref.get_global' ? 'name' : op.name === 'func.constant' ? 'value' : undefined;
  const a = key ? opAttr(op, key) : undefined;
  return a && a.kind === 'symbolRef' ? a.root : undefined;
}

/** Whether a global's address, taken by `ref`, is used only to load and store through (llvm
 *  GEPs of it followed): any other use (stored as a value, passed, returned, cast, a
 *  subview, a branch argument) lets it escape. */
function escapes(ref: Operation, uses: Map<string, { op: Operation; i: number }[]>, seen = new Set<Operation>()): boolean {
  if (seen.has(ref)) return false;
  seen.add(ref);
  for (const r of ref.results) {
    for (const { op, i } of uses.get(valueRef(r)) ?? []) {
      if ((op.name === 'llvm.load' || op.name === 'memref.load') && i === 0) continue;
      if ((op.name === 'llvm.store' || op.name === 'memref.store') && i === 1) continue;
      if (op.name === 'llvm.getelementptr' && i === 0) {
        if (escapes(op, uses, seen)) return true;
        continue;
      }
      return true;
    }
  }
  return false;
}

function usesOf(body: Region): Map<string, { op: Operation; i: number }[]> {
  const uses = new Map<string, { op: Operation; i: number }[]>();
  const add = (k: string, u: { op: Operation; i: number }) => (uses.get(k) ?? uses.set(k, []).get(k)!).push(u);
  for (const b of body.blocks)
    for (const op of walk(b.ops)) {
      op.operands.forEach((v, i) => add(valueRef(v), { op, i }));
      // a successor argument: an index no load/store test matches (an escape)
      op.successors.forEach((s) => s.args.forEach((v) => add(valueRef(v), { op, i: -1 })));
    }
  return uses;
}

const cache = new WeakMap<ModuleInfo, WeakMap<ModuleInfo, Sealed>>();

/** The globals of a pair of modules that external calls cannot reach (either module's
 *  reference counts: the answer holds for both sides). */
export function sealedGlobals(src: ModuleInfo, tgt: ModuleInfo): Sealed {
  const hit = cache.get(src)?.get(tgt);
  if (hit) return hit;
  const mods = [src, tgt];
  const candidates = new Set<string>();
  for (const m of mods) for (const [name, g] of m.globals) if (!g.readonly) candidates.add(name);
  const open = new Set<string>(); // reachable: non-local somewhere, or escaping
  const globalOps = new Map<string, Operation[]>();
  for (const m of mods) {
    const outer = topModule(m.module);
    const top = outer ? outer.regions[0]?.blocks[0]?.ops ?? [] : m.module.ops;
    for (const op of top) {
      const n = opAttr(op, 'sym_name');
      if ((op.name === 'llvm.mlir.global' || op.name === 'memref.global') && n && n.kind === 'string') (globalOps.get(n.value) ?? globalOps.set(n.value, []).get(n.value)!).push(op);
      // constructors run before anything else: the initializer is not what a first call sees
      if (op.name === 'llvm.mlir.global_ctors') candidates.forEach((name) => open.add(name));
      // a reference outside a function (another global's initializer, an alias) escapes
      if (op.name !== 'func.func' && op.name !== 'llvm.func')
        for (const r of op.regions) for (const b of r.blocks) for (const x of walk(b.ops)) { const name = referenced(x); if (name !== undefined) open.add(name); }
    }
    for (const fn of m.funcs.values()) {
      if (!fn.body) continue;
      const uses = usesOf(fn.body);
      for (const b of fn.body.blocks)
        for (const op of walk(b.ops)) {
          const name = referenced(op);
          if (name === undefined) continue;
          if (!candidates.has(name)) continue;
          if (op.name === 'func.constant' || escapes(op, uses)) open.add(name);
        }
    }
  }
  for (const name of candidates) if (!(globalOps.get(name) ?? []).every(isLocal) || !globalOps.has(name)) open.add(name);
  // reached only by calling back into a function of the module that names them, or not at all
  const closed = new Set([...candidates].filter((name) => !open.has(name)));
  const sealed: Sealed = {
    closed,
    // a callee with a body is the module's own: it may name the global
    at: (callee) => (mods.some((m) => m.funcs.get(callee)?.body) ? NONE : closed),
  };
  const inner = cache.get(src) ?? new WeakMap<ModuleInfo, Sealed>();
  cache.set(src, inner.set(tgt, sealed));
  return sealed;
}

/** The prefix of a replay whose model differs only through a sealed global (validate.ts
 *  reports it as unknown). */
export const SEALED = 'the difference needs a private global whose address never escapes to be reached or set as no real run can (an external call reading or writing it, or contents at entry other than its initializer: only the module\'s own functions can reach it, and they are not modelled): ';

/** One replay's sealed globals by block id, and the first place its model needed one (keyed
 *  by the replay's model view). */
export type ReplaySealed = { at(callee: string): Set<number>; note?: string };
export const replaySealed = new WeakMap<object, ReplaySealed>();

export function replaySealedOf(sealed: Sealed, ids: Map<string, number>): ReplaySealed {
  const memo = new Map<string, Set<number>>();
  return {
    at: (callee) => {
      let s = memo.get(callee);
      if (!s) memo.set(callee, (s = new Set([...sealed.at(callee)].flatMap((n) => (ids.has(n) ? [ids.get(n)!] : [])))));
      return s;
    },
  };
}
