// Byte sizes and ABI alignments of the types that live in memory, as the x86-64 LLVM data
// layout (MLIR's default) gives them: i1 and i8 one byte, iN rounded up to a power-of-two
// byte count, index and pointers 8 bytes, structs in C layout (packed: no padding).
import type { Type } from '../../../compiler/mlir/ir.ts';
import { Unsupported } from './values.ts';

export type Layout = { size: number; align: number };

function intLayout(w: number): Layout {
  let bytes = 1;
  while (bytes * 8 < w) bytes *= 2;
  return { size: bytes, align: Math.min(bytes, 16) };
}

export function layoutOf(t: Type): Layout {
  switch (t.kind) {
    case 'integer':
      return intLayout(t.width);
    case 'index':
    case 'llvm.ptr':
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
