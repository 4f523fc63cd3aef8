// Floats in the Core -> MLIR correspondence. A Core float is a JS number — every NaN is the
// same value, its sign and payload mean nothing — and the MLIR value it becomes is an IEEE bit
// pattern. Both sides compute with SMT FloatingPoint (semantics/symbolic/floats.ts and
// semantics/mlir/symbolic-float.ts), so equal computations are equal terms; a result is
// compared up to NaN (`sameFloat`), here for the concrete replay.
import type { Type, TypeTable } from '../../../compiler/types/types.ts';
import type { FloatBits } from '../../semantics/domain.ts';
import { casePayloadTypes, recordFields } from '../../semantics/symbolic/values.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { checkQuery } from '../../smt/solver.ts';
import type { Model } from '../../smt/model.ts';
import { freeVars } from '../query.ts';
import { abstractFloats } from './float-abstraction.ts';
import { floatBits } from '../../semantics/symbolic/domain.ts';
import { sameFloatBits } from '../../semantics/symbolic/floats.ts';

/** For each scalar of a value of type `ty` (core-to-mlir's order, as replay.ts
 *  `concreteSlots`), its float width, or null when it is not a float. */
export function floatSlots(types: TypeTable, ty: Type, out: (FloatBits | null)[] = []): (FloatBits | null)[] {
  switch (ty.kind) {
    case 'float':
      out.push(ty.bits);
      return out;
    case 'int':
    case 'char':
    case 'bool':
      out.push(null);
      return out;
    case 'tuple':
    case 'record':
      for (const f of recordFields(types, ty)) floatSlots(types, f, out);
      return out;
    case 'union':
      out.push(null);
      for (const p of casePayloadTypes(types, ty)) for (const f of p) floatSlots(types, f, out);
      return out;
    default:
      return out;
  }
}

/** The refinement query with its float computations abstracted (float-abstraction.ts):
 *  `unsat` means the query itself is UNSAT; `sat` carries the abstraction's model (with a few
 *  values for the inputs it lost), whose inputs are worth a concrete replay (a replayed difference is a real
 *  counterexample wherever the inputs came from; otherwise the model means nothing);
 *  `none` when there are no floats or the solver gave up (the original query decides). */
export async function solveFloatAbstraction(F: TermFactory, assertions: Term[], wantModel: Term[], timeoutMs: number, name: string, dumpTo?: string): Promise<{ kind: 'unsat' } | { kind: 'sat'; models: Model[] } | { kind: 'none' }> {
  const abs = abstractFloats(F, assertions);
  if (abs.abstracted === 0) return { kind: 'none' };
  // inputs that only feed float computations are gone from the abstraction: any value fits
  const present = new Set(freeVars(abs.assertions).map((v) => v.id));
  const r = await checkQuery(
    { assertions: abs.assertions, wantModel: wantModel.filter((v) => present.has(v.id)), description: 'counterexample to core-to-mlir with float computations as unknown functions' },
    dumpTo ? { timeoutMs, dumpTo, name: `${name}.fpabs` } : { timeoutMs, name: `${name}.fpabs` },
  );
  if (r.status === 'unsat') return { kind: 'unsat' };
  if (r.status === 'sat') return { kind: 'sat', models: FILLS.map((fill) => withInputs(r.model ?? new Map(), wantModel, fill)) };
  return { kind: 'none' };
}

/** Values tried for the inputs the abstraction lost (bit-vector inputs only). */
const FILLS = [1n, 0n, 1000n, -3n];

function withInputs(model: Model, vars: Term[], fill: bigint): Model {
  const out: Model = new Map(model);
  for (const v of vars) {
    if (v.kind !== 'var' || out.has(v.name) || v.sort.kind !== 'bv') continue;
    out.set(v.name, BigInt.asUintN(v.sort.width, fill));
  }
  return out;
}

/** A Core memory cell as the bits core-to-mlir stores (integers: two's complement; floats:
 *  IEEE bits; bools: 0 or 1 in a byte), for the replay. */
export function cellBits(elem: Type, v: unknown, sz: number): bigint {
  if (elem.kind === 'float') return floatBits(typeof v === 'number' ? v : 0, elem.bits);
  if (elem.kind === 'bool') return v === true ? 1n : 0n;
  return BigInt.asUintN(sz * 8, (v as bigint | undefined) ?? 0n);
}

/** The same Core cell: equal bits, or (floats) both NaN. */
export function sameCellBits(elem: Type, a: bigint, b: bigint): boolean {
  if (elem.kind === 'bool') return (a & 1n) === (b & 1n); // an i1 in memory: bit 0 of its byte
  return elem.kind === 'float' ? sameFloatBits(a, b, elem.bits) : a === b;
}
