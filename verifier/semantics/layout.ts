// Byte sizes of Clef values in memory, for arena accounting (Arena.alloc, Arena.remaining,
// Region.copyOut). Scalars have their natural size; aggregates are laid out like C structs
// (each field at the next multiple of its alignment, the size rounded up to the largest
// alignment); a union is an int32 tag followed by the largest case's payload struct.
// Strings and spans are a pointer and an int64 length; pointers and handles are 8 bytes.
import type { Type, TypeTable } from '../../compiler/types/types.ts';
import { showType, substParams } from '../../compiler/types/types.ts';

export type Layout = { size: number; align: number };

function roundUp(n: number, a: number): number {
  return a <= 1 ? n : Math.ceil(n / a) * a;
}

function struct(fields: Layout[]): Layout {
  let size = 0;
  let align = 1;
  for (const f of fields) {
    size = roundUp(size, f.align) + f.size;
    align = Math.max(align, f.align);
  }
  return { size: roundUp(size, align), align };
}

export function layoutOf(t: Type, types: TypeTable): Layout {
  switch (t.kind) {
    case 'int':
      return { size: t.bits / 8, align: t.bits / 8 };
    case 'float':
      return { size: t.bits / 8, align: t.bits / 8 };
    case 'bool':
      return { size: 1, align: 1 };
    case 'unit':
      return { size: 0, align: 1 };
    case 'char':
      return { size: 4, align: 4 };
    case 'string':
    case 'span':
      return { size: 16, align: 8 };
    case 'ptr':
    case 'arena':
    case 'region':
    case 'fn':
      return { size: 8, align: 8 };
    case 'tuple':
      return struct(t.elems.map((e) => layoutOf(e, types)));
    case 'record': {
      const info = types.records.get(t.name);
      if (!info) throw new Error(`layoutOf: unknown record ${t.name}`);
      return struct(info.fields.map((f) => layoutOf(f.ty, types)));
    }
    case 'union': {
      const info = types.unions.get(t.name);
      if (!info) throw new Error(`layoutOf: unknown union ${t.name}`);
      const cases = info.cases.map((c) => struct(c.fields.map((f) => layoutOf(substParams(f.ty, t.args), types))));
      const payload = cases.reduce((m, c) => ({ size: Math.max(m.size, c.size), align: Math.max(m.align, c.align) }), { size: 0, align: 1 });
      return struct([{ size: 4, align: 4 }, payload]);
    }
    case 'var':
      throw new Error(`layoutOf: unresolved type ${showType(t)}`);
    default: {
      const _never: never = t;
      return _never;
    }
  }
}

/** Bytes per element; CLEF.md: each arena allocation starts at the next multiple of it. */
export function sizeOf(t: Type, types: TypeTable): number {
  return layoutOf(t, types).size;
}

/** The first offset >= `used` that is a multiple of `elemSize` (any offset for size 0). */
export function alignUp(used: number, elemSize: number): number {
  return roundUp(used, elemSize);
}
