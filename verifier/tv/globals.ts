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
