// Byte layout of arena and region memory. An arena counts bytes exactly as the reference
// interpreter does (Arena.remaining must agree): an element takes the size of its C-struct
// layout, and each allocation starts at the next multiple of that size. Inside the bytes of
// one allocation of n elements, each scalar field gets its own slab of n values at
// n * (the field's offset in the struct): slabs never overlap, each is aligned for its
// scalar (the allocation starts at a multiple of the element size, which is a multiple of
// every field's alignment), and together they fit in n * size bytes.
import type { Span } from '../syntax/ast.ts';
import { showType } from '../types/types.ts';
import type { Type, TypeTable } from '../types/types.ts';
import { fieldTypes, scalarType, unsupported } from './lower-types.ts';

export type Layout = { size: number; align: number };

/** One scalar slab of an element: its MLIR type and its byte offset in the struct. */
export type Slab = { mlir: string; offset: number; size: number };

function roundUp(n: number, a: number): number {
  return a <= 1 ? n : Math.ceil(n / a) * a;
}

/** The layout and the scalar slabs of an element type stored in arena or region memory.
 *  Unions are not supported there: their cases overlap in the C layout but not in the
 *  flattened form. */
export function elementLayout(table: TypeTable, t: Type, span: Span): { layout: Layout; slabs: Slab[] } {
  const r = layoutOf(table, t, span);
  if (r.slabs.length === 0) return unsupported(span, `${showType(t)} elements in arena or region memory (a value without data)`);
  return r;
}

function layoutOf(table: TypeTable, t: Type, span: Span): { layout: Layout; slabs: Slab[] } {
  if (t.kind === 'unit') return { layout: { size: 0, align: 1 }, slabs: [] };
  const s = scalarType(t);
  if (s !== null) {
    const size = t.kind === 'bool' ? 1 : Number(s.slice(1)) / 8;
    return { layout: { size, align: size }, slabs: [{ mlir: s, offset: 0, size }] };
  }
  if (t.kind === 'tuple' || t.kind === 'record') {
    let size = 0;
    let align = 1;
    const slabs: Slab[] = [];
    for (const f of fieldTypes(table, t, span)) {
      const inner = layoutOf(table, f, span);
      size = roundUp(size, inner.layout.align);
      for (const sl of inner.slabs) slabs.push({ ...sl, offset: size + sl.offset });
      size += inner.layout.size;
      align = Math.max(align, inner.layout.align);
    }
    return { layout: { size: roundUp(size, align), align }, slabs };
  }
  return unsupported(span, `${showType(t)} elements in arena or region memory (only numbers, bool, char, and records and tuples of them)`);
}
