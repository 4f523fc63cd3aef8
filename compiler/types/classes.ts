// Which concrete types belong to each type class, and the default a still-unknown type
// takes when inference ends (F# defaults an unconstrained numeric operand to `int`).
import type { TypeClass } from './builtins.ts';
import type { Type, TypeTable } from './types.ts';
import { T, intType, substParams } from './types.ts';

/** Result of asking whether a (pruned, non-var) type is in a class: `no`, `yes`, or
 *  `yes` provided each of `parts` is in the class too (tuples and unions for equality). */
export type Membership = { ok: false } | { ok: true; parts: Type[] };

const yes: Membership = { ok: true, parts: [] };
const no: Membership = { ok: false };

export function member(table: TypeTable, t: Type, cls: TypeClass): Membership {
  const isInt = t.kind === 'int';
  const isNum = isInt || t.kind === 'float';
  switch (cls) {
    case 'integer':
      return isInt ? yes : no;
    case 'number':
      return isNum ? yes : no;
    case 'signed':
      return (isInt && t.signed) || t.kind === 'float' ? yes : no;
    case 'addable':
      return isNum || t.kind === 'string' ? yes : no;
    case 'convertible':
    case 'comparable':
      return isNum || t.kind === 'char' ? yes : no;
    case 'shiftCount':
      return t.kind === 'int' && t.signed && (t.bits === 32 || t.bits === 64) ? yes : no;
    case 'equality':
      return equality(table, t);
  }
}

function equality(table: TypeTable, t: Type): Membership {
  switch (t.kind) {
    case 'int':
    case 'float':
    case 'bool':
    case 'char':
    case 'unit':
    case 'string':
      return yes;
    case 'tuple':
      return { ok: true, parts: t.elems };
    case 'record': {
      const info = table.records.get(t.name);
      return info ? { ok: true, parts: info.fields.map((f) => f.ty) } : no;
    }
    case 'union': {
      const info = table.unions.get(t.name);
      if (!info) return no;
      const parts = info.cases.flatMap((c) => c.fields.map((f) => substParams(f.ty, t.args)));
      return { ok: true, parts };
    }
    case 'ptr':
    case 'span':
    case 'arena':
    case 'region':
    case 'fn':
    case 'var':
      return no;
  }
}

/** Candidate defaults, in order of preference, for a type variable left unknown. */
const DEFAULTS: Type[] = [T.int, T.float, T.string, T.char, T.bool, T.unit, intType(32, true)];

/** The default for a variable under some classes: the first candidate in all of them
 *  (an unconstrained variable becomes `unit`). Null when no candidate fits. */
export function defaultFor(table: TypeTable, classes: TypeClass[]): Type | null {
  if (classes.length === 0) return T.unit;
  return DEFAULTS.find((d) => classes.every((c) => member(table, d, c).ok)) ?? null;
}

/** How a class is named in a diagnostic. */
export function describeClass(cls: TypeClass): string {
  switch (cls) {
    case 'integer':
      return 'an integer type';
    case 'number':
      return 'a numeric type';
    case 'signed':
      return 'a signed numeric type';
    case 'addable':
      return 'a numeric type or string';
    case 'convertible':
      return 'a numeric type or char';
    case 'comparable':
      return 'a numeric type or char';
    case 'equality':
      return 'a type with equality';
    case 'shiftCount':
      return 'int32 or int';
  }
}
