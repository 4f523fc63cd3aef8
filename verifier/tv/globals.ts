// The globals both modules define (soundness reviewer). A pair's initial memory holds ONE
// block per global name, built from the source's definition (pair.ts pairEnv): its size, its
// constness and, for a constant, its bytes. So a target whose definition differs was checked
// against the source's: a constant's initializer changed (the target reads other bytes), a
// global made smaller (the target reads past its end) or constant while the target writes
// it — each was `proved` (tests/verifier/tv/probe-globals.test.ts); a less aligned one is
// refused too (the source's alignment would stand for it). And no function-level check sees
// a mutable global's initializer at all, though a program's first read of it does. Lowering
// a global (memref.global -> llvm.mlir.global) must keep all of these, and does for the
// whole corpus; a pair of modules where one differs is `unsupported` (a row `g (global)` for
// the global, and every function that names it), saying what differs.
import { opAttr, type Region } from '../../compiler/mlir/ir.ts';
import type { FuncInfo, GlobalInfo, ModuleInfo } from '../semantics/mlir/module-info.ts';

function bytesText(b: Uint8Array): string {
  const hex = Buffer.from(b.subarray(0, 16)).toString('hex');
  return b.length > 16 ? `${hex}...` : hex;
}

/** What differs between the source's and the target's definition of one global, or null. */
export function globalDifference(s: GlobalInfo, t: GlobalInfo): string | null {
  if (s.size !== t.size) return `its size (source ${s.size} bytes, target ${t.size})`;
  if (s.readonly !== t.readonly) return `its constness (source ${s.readonly ? 'constant' : 'mutable'}, target ${t.readonly ? 'constant' : 'mutable'})`;
  if (t.align < s.align) return `its alignment (source ${s.align}, target ${t.align})`;
  if (!s.init !== !t.init) return `its initializer (${s.init ? 'the target\'s' : 'the source\'s'} is not read: ${(s.init ? t : s).initProblem ?? 'none'})`;
  if (s.init && t.init && Buffer.compare(Buffer.from(s.init), Buffer.from(t.init)) !== 0) return `its initial bytes (source ${bytesText(s.init)}, target ${bytesText(t.init)})`;
  return null;
}

/** The globals defined in both modules whose definitions differ, with what differs. */
export function globalDifferences(si: ModuleInfo, ti: ModuleInfo): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, s] of si.globals) {
    const t = ti.globals.get(name);
    const d = t && globalDifference(s, t);
    if (d) out.set(name, d);
  }
  return out;
}

/** Constant globals whose initializer another definition may replace (review 14, L6): LLVM
 *  reads a constant's initializer only when it is definitive (GlobalVariable::
 *  hasDefinitiveInitializer) — not for interposable linkage (weak, linkonce, common) nor
 *  `externally_initialized`; a strong definition elsewhere wins at link time. The pair's
 *  memory reads a constant from its initializer (pair.ts), so `return load @k` of a `weak
 *  constant @k = 5` was proved equal to `return 5` (native, linked with `const int k = 7`:
 *  7 against 5). Functions naming such a global are refused as for a differing one. */
export function replaceableConstants(m: ModuleInfo): Map<string, string> {
  const out = new Map<string, string>();
  const top = m.module.ops.length === 1 && m.module.ops[0]!.name === 'builtin.module' ? m.module.ops[0]! : null;
  const ops = top ? (top.regions[0]?.blocks[0]?.ops ?? []) : m.module.ops;
  for (const op of ops) {
    if (op.name !== 'llvm.mlir.global' || opAttr(op, 'constant') === undefined) continue;
    const name = opAttr(op, 'sym_name');
    const l = opAttr(op, 'linkage');
    const linkage = l?.kind === 'opaque' ? (/<(\w+)>/.exec(l.text)?.[1] ?? '?') : 'external';
    const why = ['weak', 'linkonce', 'common', 'extern_weak'].includes(linkage) ? `${linkage} linkage: a definition elsewhere may replace its initializer` : opAttr(op, 'externally_initialized') !== undefined ? 'externally_initialized' : null;
    if (why && name?.kind === 'string') out.set(name.value, why);
  }
  return out;
}

/** The first of `names` that `fn`'s body refers to (llvm.mlir.addressof, memref.get_global). */
export function namedGlobal(fn: FuncInfo, names: Map<string, string>): string | null {
  let hit: string | null = null;
  const go = (r: Region): void => {
    for (const b of r.blocks)
      for (const op of b.ops) {
        if (hit) return;
        const a = op.name === 'llvm.mlir.addressof' ? opAttr(op, 'global_name') : op.name === 'memref.get_global' ? opAttr(op, 'name') : undefined;
        if (a?.kind === 'symbolRef' && names.has(a.root)) hit = a.root;
        op.regions.forEach(go);
      }
  };
  if (fn.body && names.size) go(fn.body);
  return hit;
}
