// Byte sizes and ABI alignments of the types that live in memory, as the x86-64 LLVM data
// layout (MLIR's default) gives them: i1 and i8 one byte, iN rounded up to a power-of-two
// byte count up to 16 (past i128: to a multiple of 16), index and pointers 8 bytes, structs in C layout (packed: no padding).
import type { Operation, Type } from '../../../compiler/mlir/ir.ts';
import { Unsupported } from './values.ts';

export type Layout = { size: number; align: number };

function intLayout(w: number): Layout {
  let bytes = 1;
  while (bytes * 8 < w) bytes *= 2;
  const align = Math.min(bytes, 16);
  // the allocation size is the store size rounded up to the ABI alignment (16 past i128:
  // i264 takes 48 bytes, not 64 — a getelementptr over i264 stepped 64 where LLVM steps 48;
  // probe-wide-int-size.test.ts)
  return { size: Math.ceil(Math.ceil(w / 8) / align) * align, align };
}

export function layoutOf(t: Type): Layout {
  switch (t.kind) {
    case 'integer':
      return intLayout(t.width);
    case 'index':
      return { size: 8, align: 8 };
    case 'llvm.ptr':
      // x86-64's p270/p271 pointers are 4 bytes (clang's layout), while mlir-translate's
      // default layout writes them align 8: a getelementptr over ptr<270> stepped 8 bytes where
      // LLVM steps 4 (probe-wide-int-size.test.ts); other address spaces are not modelled
      if (t.addressSpace !== 0) throw new Unsupported(`memory layout of a pointer in address space ${t.addressSpace}`);
      return { size: 8, align: 8 };
    case 'float':
      if (t.name === 'f32') return { size: 4, align: 4 };
      if (t.name === 'f64') return { size: 8, align: 8 };
      if (t.name === 'f16' || t.name === 'bf16') return { size: 2, align: 2 };
      throw new Unsupported(`memory layout of ${t.name}`);
    case 'llvm.array': {
      const e = layoutOf(t.element);
      return { size: e.size * t.size, align: e.align };
    }
    case 'llvm.struct': {
      if (!Array.isArray(t.body)) throw new Unsupported('memory layout of an opaque struct');
      let off = 0;
      let align = 1;
      for (const f of t.body) {
        const l = layoutOf(f);
        const a = t.packed ? 1 : l.align;
        off = Math.ceil(off / a) * a + l.size;
        align = Math.max(align, a);
      }
      return { size: Math.ceil(off / align) * align, align };
    }
    default:
      throw new Unsupported(`memory layout of ${t.kind}`);
  }
}

/** Byte offsets of a struct's fields. */
export function fieldOffsets(t: Type): number[] {
  if (t.kind !== 'llvm.struct' || !Array.isArray(t.body)) throw new Unsupported('field offsets of a non-struct');
  const out: number[] = [];
  let off = 0;
  for (const f of t.body) {
    const l = layoutOf(f);
    const a = t.packed ? 1 : l.align;
    off = Math.ceil(off / a) * a;
    out.push(off);
    off += l.size;
  }
  return out;
}

// ---- the alignments mlir-translate writes (review 16)
// Every load, store and alloca of the LLVM IR that mlir-translate emits carries an explicit
// `align`; where the op has no `alignment` attribute it is chosen from the module's data
// layout — LLVM's *default* one when the module states none (the pipeline's modules), which
// differs from x86-64's: i64 (and every wider integer, index too) has ABI alignment 4, and
// an alloca gets the type's *preferred* alignment (8 for any struct, "a:0:64"). clang keeps
// those instruction alignments when it lays the module out as x86-64 (offsets and sizes are
// layoutOf's). Taking x86-64's ABI alignments (i64: 8) made `load i64` at an address 4 mod 8
// UB in the source (written `align 4`: defined), and `alloca struct<(i8, i8)>` only 1-aligned
// (written `align 8`): a source accessing it as i16 was UB and any target proved
// (probe-implicit-align-dl.test.ts; both shown natively).

/** Operations of modules that state the x86-64 data layout (llvm.data_layout, non-empty;
 *  other layouts are unsupported: verifier/tv/attributes.ts layoutProblem). */
const STATED_X86 = new WeakSet<Operation>();

/** Records the ops of a module whose data layout decides their implicit alignments. */
export function noteStatedLayout(ops: Iterable<Operation>): void {
  for (const op of ops) STATED_X86.add(op);
}

/** The alignment mlir-translate writes for a load or store of `t` with no `alignment`
 *  attribute: the ABI alignment in the op's module's data layout. */
export function implicitAlign(op: Operation, t: Type): number {
  return STATED_X86.has(op) ? layoutOf(t).align : defaultAbiAlign(t);
}

/** The alignment mlir-translate writes for an alloca of `t` with no `alignment` attribute:
 *  the type's preferred alignment in the op's module's data layout. */
export function implicitAllocaAlign(op: Operation, t: Type): number {
  return prefAlign(t, STATED_X86.has(op));
}

/** ABI alignment in LLVM's default data layout (i64:32:64, no i128 entry: a wider integer
 *  takes the largest one's, i64's). */
function defaultAbiAlign(t: Type): number {
  switch (t.kind) {
    case 'integer':
      return t.width > 32 ? 4 : intLayout(t.width).align;
    case 'index':
      return 4; // an i64 in the LLVM dialect
    case 'llvm.array':
      return defaultAbiAlign(t.element);
    case 'llvm.struct':
      if (!Array.isArray(t.body)) throw new Unsupported('memory layout of an opaque struct');
      return t.packed ? 1 : Math.max(1, ...t.body.map(defaultAbiAlign));
    default:
      return layoutOf(t).align; // pointers 8, floats their size: the same in both layouts
  }
}

/** Preferred alignment: a struct at least 8 (both layouts' "a:0:64"), an array its element's,
 *  an integer wider than 32 bits 8 in the default layout (i64's preferred; x86-64: its ABI). */
function prefAlign(t: Type, x86: boolean): number {
  switch (t.kind) {
    case 'integer':
      return x86 || t.width <= 32 ? intLayout(t.width).align : 8;
    case 'llvm.array':
      return prefAlign(t.element, x86);
    case 'llvm.struct':
      return Math.max(8, x86 ? layoutOf(t).align : defaultAbiAlign(t)); // (struct<(i128)>: 8 in the default layout)
    default:
      return layoutOf(t).align;
  }
}
