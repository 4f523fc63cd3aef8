// Literal types and ranges. An unsuffixed integer literal is `int` (64-bit); F# converts
// nothing implicitly, so `let x: int32 = 5` is an error and `5l` is right.
import type { IntSuffix, Literal } from '../syntax/ast.ts';
import { errorAt } from '../diagnostics.ts';
import { T, intType, showType } from './types.ts';
import type { Type } from './types.ts';

const SUFFIX_TYPES: Record<IntSuffix, Type> = {
  '': T.int,
  y: intType(8, true),
  uy: intType(8, false),
  s: intType(16, true),
  us: intType(16, false),
  l: intType(32, true),
  u: intType(32, false),
  L: intType(64, true),
  UL: intType(64, false),
  n: intType(64, true),
  un: intType(64, false),
};

/** The suffix that makes an integer literal of a type (for hints), '' for int. */
export function suffixFor(t: Type): IntSuffix | null {
  if (t.kind !== 'int') return null;
  if (t.bits === 64 && t.signed) return '';
  const e = (Object.entries(SUFFIX_TYPES) as [IntSuffix, Type][]).find(
    ([, v]) => v.kind === 'int' && v.bits === t.bits && v.signed === t.signed,
  );
  return e ? e[0] : null;
}

/** Whether an integer value fits a type. Signed types also accept the magnitude of their
 *  minimum (`128y`) only when negated (`negated` = the literal is under a unary minus). */
export function intFits(value: bigint, t: Type, negated = false): boolean {
  if (t.kind !== 'int') return false;
  const bits = BigInt(t.bits);
  const v = negated ? -value : value;
  if (t.signed) return v >= -(1n << (bits - 1n)) && v < 1n << (bits - 1n);
  return v >= 0n && v < 1n << bits;
}

/** The type of a literal; an integer out of its type's range is an error. */
export function literalType(lit: Literal, negated = false): Type {
  switch (lit.kind) {
    case 'LInt': {
      const t = SUFFIX_TYPES[lit.suffix];
      if (!intFits(lit.value, t, negated)) {
        throw errorAt(lit.span, `the literal ${negated ? '-' : ''}${lit.value}${lit.suffix} is out of range for ${showType(t)}`);
      }
      return t;
    }
    case 'LFloat':
      return lit.single ? { kind: 'float', bits: 32 } : T.float;
    case 'LBool':
      return T.bool;
    case 'LChar':
      return T.char;
    case 'LString':
      return T.string;
    case 'LUnit':
      return T.unit;
  }
}
