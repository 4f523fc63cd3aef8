// Custom syntax of the cf dialect: br, cond_br, switch, assert.
import type { Attr, Successor, Type } from './ir.ts';
import { i } from './ir.ts';
import type { CustomParser } from './parse.ts';
import { eatBare, eatPunct, expectPunct, expectSignedInt, fail, isPunct, next, type P } from './parser-state.ts';
import { splatIfUniform } from './parse-type-attr.ts';
import { attrs, colonType, draft, i32Array, optAttrDict, ref, strAttr, successor, withType } from './custom-helpers.ts';

/** `[ default: ^bb(...), 1: ^bb2, ... ]` as used by cf.switch and llvm.switch. */
export function switchCases(p: P, withDefault: boolean): { def: Successor | null; values: bigint[]; cases: Successor[] } {
  expectPunct(p, '[');
  let def: Successor | null = null;
  const values: bigint[] = [];
  const cases: Successor[] = [];
  if (!isPunct(p, ']')) {
    do {
      if (withDefault && eatBare(p, 'default')) {
        expectPunct(p, ':');
        def = successor(p);
        continue;
      }
      values.push(expectSignedInt(p, 'a case value'));
      expectPunct(p, ':');
      cases.push(successor(p));
    } while (eatPunct(p, ','));
  }
  expectPunct(p, ']');
  return { def, values, cases };
}

/** The switch properties: per-case operand counts, the case values, operand segments. */
export function switchProps(flagType: Type, def: Successor, values: bigint[], cases: Successor[]): { name: string; value: Attr }[] {
  const props: { name: string; value: Attr }[] = [
    { name: 'case_operand_segments', value: i32Array(cases.map((c) => c.args.length)) },
    { name: 'operandSegmentSizes', value: i32Array([1, def.args.length, cases.reduce((n, c) => n + c.args.length, 0)]) },
  ];
  if (values.length > 0) {
    // mlir-opt prints case values unsigned (`4294967289:` for -7 : i32); the attribute holds them signed.
    const width = flagType.kind === 'integer' ? flagType.width : 64;
    values = values.map((v) => BigInt.asIntN(width, v));
    props.push({
      name: 'case_values',
      value: {
        kind: 'dense',
        data: { kind: 'literal', value: splatIfUniform(values) },
        type: { kind: 'vector', shape: [values.length], scalable: [false], element: flagType },
      },
    });
  }
  return props;
}

export const cfParsers: Record<string, CustomParser> = {
  'cf.br': (p) => {
    const s = successor(p);
    return draft({ successors: [s], attributes: optAttrDict(p) });
  },
  'cf.cond_br': (p) => {
    const c = ref(p);
    expectPunct(p, ',');
    const t = successor(p);
    expectPunct(p, ',');
    const f = successor(p);
    const dict = optAttrDict(p);
    return draft({
      operands: [withType(c, i(1))],
      successors: [t, f],
      ...attrs(dict, ['operandSegmentSizes'], [{ name: 'operandSegmentSizes', value: i32Array([1, t.args.length, f.args.length]) }]),
    });
  },
  // cf.switch %flag : T, [ default: ^bb0, 1: ^bb1(...) ] {attrs}
  'cf.switch': (p) => {
    const flag = ref(p);
    const t = colonType(p);
    expectPunct(p, ',');
    const at = p.tok;
    const { def, values, cases } = switchCases(p, true);
    if (!def) fail(p, 'cf.switch needs a default destination', at);
    const dict = optAttrDict(p);
    return draft({
      operands: [withType(flag, t)],
      successors: [def, ...cases],
      ...attrs(dict, ['case_operand_segments', 'operandSegmentSizes', 'case_values'], switchProps(t, def, values, cases)),
    });
  },
  // cf.assert %c, "message" {attrs}
  'cf.assert': (p) => {
    const c = ref(p);
    expectPunct(p, ',');
    if (p.tok.kind !== 'string') fail(p, 'expected the assertion message');
    const msg = strAttr(next(p).text);
    const dict = optAttrDict(p);
    return draft({ operands: [withType(c, i(1))], ...attrs(dict, ['msg'], [{ name: 'msg', value: msg }]) });
  },
};
