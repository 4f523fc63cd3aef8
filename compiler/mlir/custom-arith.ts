// Custom syntax of the arith dialect.
import type { Attr, Type } from './ir.ts';
import { i } from './ir.ts';
import type { CustomParser } from './parse.ts';
import { describe, eatPunct, expectBare, expectPunct, fail, next, type P } from './parser-state.ts';
import { parseAttr, parseType } from './parse-type-attr.ts';
import {
  attrs, boolLike, colonType, draft, intAttr, opaque, optAttrDict, optFlagAttr, ref, typed, withType,
} from './custom-helpers.ts';

const OVERFLOW_OPS = ['addi', 'subi', 'muli', 'shli'];
const PLAIN_INT_OPS = [
  'divsi', 'divui', 'remsi', 'remui', 'andi', 'ori', 'xori', 'shrsi', 'shrui',
  'maxsi', 'maxui', 'minsi', 'minui', 'ceildivsi', 'ceildivui', 'floordivsi', 'mulhisi', 'mulhiui',
];
const FLOAT_OPS = ['addf', 'subf', 'mulf', 'divf', 'remf', 'maximumf', 'minimumf', 'maxnumf', 'minnumf'];
const CASTS = [
  'extsi', 'extui', 'trunci', 'index_cast', 'index_castui', 'sitofp', 'uitofp', 'fptosi', 'fptoui',
  'extf', 'bitcast',
];

/** Predicate names in enum order: the generic form stores the position as an i64. */
export const CMPI_PREDICATES = ['eq', 'ne', 'slt', 'sle', 'sgt', 'sge', 'ult', 'ule', 'ugt', 'uge'];
export const CMPF_PREDICATES = [
  'false', 'oeq', 'ogt', 'oge', 'olt', 'ole', 'one', 'ord', 'ueq', 'ugt', 'uge', 'ult', 'ule', 'une', 'uno', 'true',
];

const NONE_OVERFLOW = opaque('#arith.overflow<none>');
const NONE_FASTMATH = opaque('#arith.fastmath<none>');

function binary(p: P): { lhs: ReturnType<typeof ref>; rhs: ReturnType<typeof ref> } {
  const lhs = ref(p);
  expectPunct(p, ',');
  return { lhs, rhs: ref(p) };
}

/** `%a, %b (word<...>)? {attrs} : T` with one flags property defaulting to `none`. */
function flagged(word: string, prop: string, none: Attr): CustomParser {
  return (p) => {
    const { lhs, rhs } = binary(p);
    const flag = optFlagAttr(p, word, 'arith') ?? none;
    const dict = optAttrDict(p);
    const t = colonType(p);
    return draft({
      operands: [withType(lhs, t), withType(rhs, t)],
      resultTypes: [t],
      ...attrs(dict, [prop], [{ name: prop, value: flag }]),
    });
  };
}

const plainBinary: CustomParser = (p) => {
  const { lhs, rhs } = binary(p);
  const attributes = optAttrDict(p);
  const t = colonType(p);
  return draft({ operands: [withType(lhs, t), withType(rhs, t)], resultTypes: [t], attributes });
};

const cast: CustomParser = (p) => {
  const a = ref(p);
  const attributes = optAttrDict(p);
  const from = colonType(p);
  expectBare(p, 'to');
  const to = parseType(p);
  return draft({ operands: [withType(a, from)], resultTypes: [to], attributes });
};

function compare(predicates: string[], fastmath: boolean): CustomParser {
  return (p) => {
    const t0 = p.tok;
    if (t0.kind !== 'bare' && t0.kind !== 'string') fail(p, `expected a predicate, found ${describe(t0)}`);
    const k = predicates.indexOf(next(p).text);
    if (k < 0) fail(p, `unknown predicate '${t0.text}'`, t0);
    expectPunct(p, ',');
    const { lhs, rhs } = binary(p);
    const props = [{ name: 'predicate', value: intAttr(k) }];
    if (fastmath) props.push({ name: 'fastmath', value: optFlagAttr(p, 'fastmath', 'arith') ?? NONE_FASTMATH });
    const dict = optAttrDict(p);
    const t = colonType(p);
    return draft({
      operands: [withType(lhs, t), withType(rhs, t)],
      resultTypes: [boolLike(t)],
      ...attrs(dict, ['predicate', 'fastmath'], props),
    });
  };
}

/** The type an `arith.constant` value attribute gives its result. */
function attrType(p: P, a: Attr, at: number): Type {
  switch (a.kind) {
    case 'int':
    case 'float':
    case 'dense':
      return a.type;
    case 'bool':
      return i(1);
    case 'string':
      if (a.type) return a.type;
  }
  return fail(p, 'arith.constant needs a typed value', at);
}

export const arithParsers: Record<string, CustomParser> = {
  'arith.constant': (p) => {
    const dict = optAttrDict(p);
    const at = p.tok.start;
    const value = parseAttr(p);
    return draft({ resultTypes: [attrType(p, value, at)], ...attrs(dict, ['value'], [{ name: 'value', value }]) });
  },
  'arith.cmpi': compare(CMPI_PREDICATES, false),
  'arith.cmpf': compare(CMPF_PREDICATES, true),
  'arith.negf': (p) => {
    const a = ref(p);
    const flag = optFlagAttr(p, 'fastmath', 'arith') ?? NONE_FASTMATH;
    const dict = optAttrDict(p);
    const t = colonType(p);
    return draft({ operands: [withType(a, t)], resultTypes: [t], ...attrs(dict, ['fastmath'], [{ name: 'fastmath', value: flag }]) });
  },
  // select %c, %a, %b : T   or   : C, T (vector conditions)
  'arith.select': (p) => {
    const c = ref(p);
    expectPunct(p, ',');
    const { lhs, rhs } = binary(p);
    const attributes = optAttrDict(p);
    let t = colonType(p);
    let ct: Type = i(1);
    if (eatPunct(p, ',')) {
      ct = t;
      t = parseType(p);
    }
    return draft({ operands: [withType(c, ct), withType(lhs, t), withType(rhs, t)], resultTypes: [t], attributes });
  },
  // truncf %a (rounding mode)? (fastmath<...>)? : T to U
  'arith.truncf': (p) => {
    const a = ref(p);
    const props = [];
    if (p.tok.kind === 'bare' && ROUNDING.includes(p.tok.text)) {
      props.push({ name: 'roundingmode', value: intAttr(ROUNDING.indexOf(next(p).text), 32) });
    }
    const fm = optFlagAttr(p, 'fastmath', 'arith');
    if (fm) props.push({ name: 'fastmath', value: fm });
    const dict = optAttrDict(p);
    const from = colonType(p);
    expectBare(p, 'to');
    const to = parseType(p);
    return draft({ operands: [withType(a, from)], resultTypes: [to], ...attrs(dict, ['roundingmode', 'fastmath'], props) });
  },
  // addui_extended %a, %b : T, O
  'arith.addui_extended': (p) => {
    const { lhs, rhs } = binary(p);
    const attributes = optAttrDict(p);
    const t = colonType(p);
    expectPunct(p, ',');
    const o = parseType(p);
    return draft({ operands: typed(p, [lhs, rhs], [t, t]), resultTypes: [t, o], attributes });
  },
};

export const ROUNDING = ['to_nearest_even', 'downward', 'upward', 'toward_zero', 'to_nearest_away'];

for (const op of OVERFLOW_OPS) arithParsers[`arith.${op}`] = flagged('overflow', 'overflowFlags', NONE_OVERFLOW);
for (const op of PLAIN_INT_OPS) arithParsers[`arith.${op}`] = plainBinary;
for (const op of FLOAT_OPS) arithParsers[`arith.${op}`] = flagged('fastmath', 'fastmath', NONE_FASTMATH);
for (const op of CASTS) arithParsers[`arith.${op}`] = cast;
for (const op of ['mulsi_extended', 'mului_extended']) {
  arithParsers[`arith.${op}`] = (p) => {
    const { lhs, rhs } = binary(p);
    const attributes = optAttrDict(p);
    const t = colonType(p);
    return draft({ operands: typed(p, [lhs, rhs], [t, t]), resultTypes: [t, t], attributes });
  };
}
