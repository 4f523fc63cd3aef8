// The value correspondence of core-to-mlir (compiler/codegen/lower-types.ts `components`),
// on symbolic Core values: a Core value is the list of MLIR scalars it flattens to, in the
// codegen's order — a record or tuple its fields, a union its i32 tag then every case's
// fields (tag order), a bool one i1, unit nothing. Each slot carries the condition under
// which it means something: the fields of an inactive union case are not compared (the
// codegen zeroes them, Core leaves them arbitrary).
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { Type, TypeTable } from '../../../compiler/types/types.ts';
import { showType } from '../../../compiler/types/types.ts';
import { casePayloadTypes, intWidth, recordFields, type SV } from '../../semantics/symbolic/values.ts';
import { NotMapped } from './unmapped.ts';

/** One MLIR scalar of a Core value: a bit-vector of `w` bits, meaningful where `guard`. */
export type CoreSlot = { t: Term; w: number; guard: Term; float: boolean };

/** The scalars of a Core value of type `ty`, in core-to-mlir's order. References (pointers,
 *  spans, strings, arenas, regions) are not scalars: `NotMapped` names them. */
export function coreSlots(F: TermFactory, types: TypeTable, ty: Type, v: SV, guard: Term = F.true, out: CoreSlot[] = []): CoreSlot[] {
  switch (v.k) {
    case 'int': {
      const w = intWidth(ty);
      if (!w || w === 'math') throw new NotMapped(`an integer of type ${showType(ty)}`);
      out.push({ t: v.t, w: w.bits, guard, float: false });
      return out;
    }
    case 'bool':
      out.push({ t: F.ite(v.t, F.bv(1, 1), F.bv(0, 1)), w: 1, guard, float: false });
      return out;
    case 'float':
      out.push({ t: v.t, w: v.bits, guard, float: true });
      return out;
    case 'unit':
      return out;
    case 'agg': {
      const fs = recordFields(types, ty);
      v.items.forEach((x, i) => coreSlots(F, types, fs[i]!, x, guard, out));
      return out;
    }
    case 'case': {
      const cs = casePayloadTypes(types, ty);
      out.push({ t: v.tag, w: 32, guard, float: false });
      v.cases.forEach((p, j) => {
        const g = F.and(guard, F.eq(v.tag, F.bv(j, 32)));
        p.forEach((x, i) => coreSlots(F, types, cs[j]![i]!, x, g, out));
      });
      return out;
    }
    case 'str':
    case 'ptr':
    case 'span':
    case 'arena':
    case 'region':
      throw new NotMapped(`a value of type ${showType(ty)} (${v.k}) as an argument, result or call operand`);
  }
}
