// The integer types of Clef as the generator sees them: width, signedness, and every
// spelling of the type (annotation, conversion function, literal suffix), so the generated
// text uses all of them. `int`, `int64` and `nativeint` are one type (64-bit signed), as
// are `uint64` and `unativeint`.
import { below, chance, pick, randomBits, type Rng } from './prng.ts';

export type IntTy = {
  kind: 'IntTy';
  bits: 8 | 16 | 32 | 64;
  signed: boolean;
  /** Names for annotations and conversions (the first is canonical). */
  names: readonly string[];
  suffixes: readonly string[];
  /** `Int8` for `Int8.MaxValue` ... */
  modules: readonly string[];
};

const ty = (bits: IntTy['bits'], signed: boolean, names: string[], suffixes: string[], modules: string[]): IntTy => ({
  kind: 'IntTy',
  bits,
  signed,
  names,
  suffixes,
  modules,
});

export const I8 = ty(8, true, ['int8', 'sbyte'], ['y'], ['SByte', 'Int8']);
export const I16 = ty(16, true, ['int16'], ['s'], ['Int16']);
export const I32 = ty(32, true, ['int32'], ['l'], ['Int32']);
export const I64 = ty(64, true, ['int', 'int64', 'nativeint'], ['', 'L', 'n'], ['Int64']);
export const U8 = ty(8, false, ['uint8', 'byte'], ['uy'], ['Byte', 'UInt8']);
export const U16 = ty(16, false, ['uint16'], ['us'], ['UInt16']);
export const U32 = ty(32, false, ['uint32'], ['u'], ['UInt32']);
export const U64 = ty(64, false, ['uint64', 'unativeint'], ['UL', 'un'], ['UInt64']);

export const INT_TYPES: readonly IntTy[] = [I8, I16, I32, I64, U8, U16, U32, U64];

/** The canonical name (`int` for the 64-bit signed type). */
export function intName(t: IntTy): string {
  return t.names[0]!;
}

/** Any of the type's names, for annotations and conversion calls. */
export function anyName(r: Rng, t: IntTy): string {
  return chance(r, 0.7) ? t.names[0]! : pick(r, t.names);
}

export function minOf(t: IntTy): bigint {
  return t.signed ? -(1n << BigInt(t.bits - 1)) : 0n;
}

export function maxOf(t: IntTy): bigint {
  return t.signed ? (1n << BigInt(t.bits - 1)) - 1n : (1n << BigInt(t.bits)) - 1n;
}

/** Two's complement wrap of any integer into the type's range. */
export function wrapTo(t: IntTy, v: bigint): bigint {
  const m = 1n << BigInt(t.bits);
  let x = ((v % m) + m) % m;
  if (t.signed && x > maxOf(t)) x -= m;
  return x;
}

/** Literal text for a value in range: `(-5y)` for negatives (parenthesised, so it can sit
 *  anywhere), decimal, hex, binary or with `_` separators for the others. */
export function literal(r: Rng, t: IntTy, value: bigint): string {
  const v = wrapTo(t, value);
  const suffix = chance(r, 0.8) ? t.suffixes[0]! : pick(r, t.suffixes);
  if (v < 0n) return `(-${-v}${suffix})`;
  const k = below(r, 10);
  let digits: string;
  if (k === 0) digits = `0x${v.toString(16).toUpperCase()}`;
  else if (k === 1 && v < 256n) digits = `0b${v.toString(2)}`;
  else if (k === 2 && v >= 10_000n) digits = v.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '_');
  else digits = v.toString();
  return digits + suffix;
}

/** A value biased toward the edges where implementations disagree: 0, +-1, the extremes
 *  and their neighbours, powers of two, small numbers, and uniform bits. */
export function interestingValue(r: Rng, t: IntTy): bigint {
  const k = below(r, 12);
  switch (k) {
    case 0:
      return 0n;
    case 1:
      return 1n;
    case 2:
      return t.signed ? -1n : maxOf(t);
    case 3:
      return maxOf(t);
    case 4:
      return t.signed ? minOf(t) : maxOf(t) - 1n;
    case 5:
      return wrapTo(t, minOf(t) + BigInt(below(r, 3)));
    case 6:
      return wrapTo(t, 1n << BigInt(below(r, t.bits)));
    case 7:
    case 8:
      return wrapTo(t, BigInt(below(r, 200)) - (t.signed ? 100n : 0n));
    default:
      return wrapTo(t, randomBits(r, t.bits));
  }
}

/** A literal of the type with an interesting value. */
export function randomLiteral(r: Rng, t: IntTy): string {
  return literal(r, t, interestingValue(r, t));
}
