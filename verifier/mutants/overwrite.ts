// Is the neighbour of a store about to be overwritten anyway? A store duplicated one element
// further on is an equivalent mutant when, in the same block and before anything can read
// memory, a later store of the same type writes exactly that neighbour: `a[0] = v; a[1] = w`
// makes `a[1] = v` in between invisible. Only certain equalities count (same SSA base after
// seeing through descriptor fields, constant indices), so `false` means "not shown".
import type { Block, Operation, Type, Value } from '../../compiler/mlir/ir.ts';
import { getAttr } from '../../compiler/mlir/ir.ts';
import { constValue, intWidth } from './build.ts';
import { isPureTotal, resolveValue, vkey } from './facts.ts';

type Addr = { base: string; offset: bigint };

function byteSize(t: Type): bigint | null {
  const w = intWidth(t);
  if (w !== null) return w % 8 === 0 ? BigInt(w / 8) : null;
  if (t.kind === 'float') return t.name === 'f64' ? 8n : t.name === 'f32' ? 4n : null;
  if (t.kind === 'llvm.ptr') return 8n;
  return null;
}

const DYNAMIC = -2147483648n;

/** An LLVM address as (resolved base value, constant byte offset), through one-index GEPs. */
function llvmAddress(defs: Map<string, Operation>, v: Value): Addr | null {
  let offset = 0n;
  for (let guard = 0; guard < 100; guard++) {
    const r = resolveValue(defs, v);
    const d = defs.get(vkey(r));
    if (!d || d.name !== 'llvm.getelementptr') return { base: vkey(r), offset };
    const raw = getAttr(d.properties, 'rawConstantIndices');
    const elem = getAttr(d.properties, 'elem_type');
    if (!raw || raw.kind !== 'denseArray' || raw.values.length !== 1 || !elem || elem.kind !== 'type') return null;
    const size = byteSize(elem.type);
    if (size === null) return null;
    let idx = BigInt(raw.values[0] as bigint);
    if (idx === DYNAMIC) {
      const c = constValue(defs.get(vkey(d.operands[1]!)));
      if (c === null) return null;
      idx = c;
    }
    offset += idx * size;
    v = d.operands[0]!;
  }
  return null;
}

/** A memref store's place as (memref value, the other indices, constant last index). */
function memrefPlace(defs: Map<string, Operation>, store: Operation): { key: string; last: bigint } | null {
  const idx = store.operands.slice(2);
  if (idx.length === 0) return null;
  const c = constValue(defs.get(vkey(idx[idx.length - 1]!)));
  if (c === null) return null;
  return { key: [store.operands[1]!, ...idx.slice(0, -1)].map(vkey).join(','), last: c };
}

const reads = (o: Operation) => !isPureTotal(o) && o.name !== 'memref.store' && o.name !== 'llvm.store';

/** The store at `block.ops[index]`, copied one element further on, is overwritten before any
 *  read by a later store of the same type in the same block. */
export function shiftedStoreOverwritten(block: Block, index: number, defs: Map<string, Operation>): boolean {
  const store = block.ops[index]!;
  const type = store.operands[0]!.type;
  let target: ((o: Operation) => boolean) | null = null;
  if (store.name === 'memref.store') {
    const p = memrefPlace(defs, store);
    if (!p) return false;
    target = (o) => {
      const q = o.name === 'memref.store' ? memrefPlace(defs, o) : null;
      return !!q && q.key === p.key && q.last === p.last + 1n;
    };
  } else if (store.name === 'llvm.store') {
    const a = llvmAddress(defs, store.operands[1]!);
    const size = byteSize(type);
    if (!a || size === null) return false;
    target = (o) => {
      const b = o.name === 'llvm.store' ? llvmAddress(defs, o.operands[1]!) : null;
      return !!b && b.base === a.base && b.offset === a.offset + size;
    };
  }
  if (!target) return false;
  for (let k = index + 1; k < block.ops.length; k++) {
    const o = block.ops[k]!;
    if (o.name === store.name && JSON.stringify(o.operands[0]!.type) === JSON.stringify(type) && target(o)) return true;
    if (reads(o) || o.regions.length > 0) return false;
  }
  return false;
}
