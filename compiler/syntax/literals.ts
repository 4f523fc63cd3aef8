// Integer literal ranges. The lexer decodes digits; here a literal gets its final value:
// hex/octal/binary literals of a signed type may denote negative numbers (F#: `0xFFy` is
// -1y), and a decimal literal may reach MinValue's magnitude only when negated
// (`-128y`, `-9223372036854775808L`).
import type { IntSuffix } from './ast.ts';

/** Width and signedness of each suffix; `int` and `nativeint` are 64-bit in Clef. */
export const SUFFIX_TYPE: Record<IntSuffix, { bits: number; signed: boolean; name: string }> = {
  '': { bits: 64, signed: true, name: 'int' },
  y: { bits: 8, signed: true, name: 'int8' },
  uy: { bits: 8, signed: false, name: 'uint8' },
  s: { bits: 16, signed: true, name: 'int16' },
  us: { bits: 16, signed: false, name: 'uint16' },
  l: { bits: 32, signed: true, name: 'int32' },
  u: { bits: 32, signed: false, name: 'uint32' },
  L: { bits: 64, signed: true, name: 'int64' },
  UL: { bits: 64, signed: false, name: 'uint64' },
  n: { bits: 64, signed: true, name: 'nativeint' },
  un: { bits: 64, signed: false, name: 'unativeint' },
};

export type IntCheck =
  | { ok: true; value: bigint }
  /** Fits only as the operand of a unary minus (the magnitude of MinValue). */
  | { ok: 'negate-only'; value: bigint }
  | { ok: false; message: string };

/** The value of a literal as written (not negated). */
export function checkIntLiteral(raw: bigint, radix: number, suffix: IntSuffix): IntCheck {
  const t = SUFFIX_TYPE[suffix];
  const bits = BigInt(t.bits);
  const umax = (1n << bits) - 1n;
  const smax = (1n << (bits - 1n)) - 1n;
  const outOfRange = { ok: false as const, message: `this number is outside the range of type ${t.name}` };
  if (!t.signed) return raw <= umax ? { ok: true, value: raw } : outOfRange;
  if (radix !== 10) {
    if (raw > umax) return outOfRange;
    return { ok: true, value: raw > smax ? raw - (1n << bits) : raw };
  }
  if (raw <= smax) return { ok: true, value: raw };
  if (raw === smax + 1n) return { ok: 'negate-only', value: raw };
  return outOfRange;
}
