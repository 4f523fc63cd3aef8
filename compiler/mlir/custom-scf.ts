// Custom syntax of the scf dialect: for, if, while, condition, yield, index_switch, execute_region.
import type { Region, Type, Value } from './ir.ts';
import { i, index } from './ir.ts';
import type { CustomParser } from './parse.ts';
import { eatBare, eatPunct, expectBare, expectKind, expectPunct, expectSignedInt, fail, isPunct, type P } from './parser-state.ts';
import { parseFunctionType, parseResultTypes, parseType, parseTypeList } from './parse-type-attr.ts';
import { draft, ensureTerminator, i64Array, optAttrDict, optTypedList, ref, typed, withType, type Ref } from './custom-helpers.ts';

/** `(%a = %x, %b = %y)`: the new names and the values they start from. */
function assignments(p: P): { names: string[]; inits: Ref[] } {
  const names: string[] = [];
  const inits: Ref[] = [];
  expectPunct(p, '(');
  if (!eatPunct(p, ')')) {
    do {
      names.push(expectKind(p, 'percent', 'a region argument').text);
      expectPunct(p, '=');
      inits.push(ref(p));
    } while (eatPunct(p, ','));
    expectPunct(p, ')');
  }
  return { names, inits };
}

/** `T, U` without parentheses (index_switch results), or a parenthesised list. */
function parseResultTypeList(p: P): Type[] {
  if (isPunct(p, '(')) return parseResultTypes(p);
  return parseTypeList(p);
}

/** Region arguments named in the op's header, typed by the header's type list. */
function args(p: P, names: string[], types: Type[]): Value[] {
  if (names.length !== types.length) fail(p, `${names.length} region argument${names.length === 1 ? '' : 's'} but ${types.length} type${types.length === 1 ? '' : 's'}`, p.prevEnd);
  return names.map((name, k) => ({ name, index: null, type: types[k]! }));
}

export const scfParsers: Record<string, CustomParser> = {
  // scf.for %iv = %lb to %ub step %s (iter_args(%a = %x) -> (T))? (: I)? { body } {attrs}
  'scf.for': (p, ctx) => {
    const iv = expectKind(p, 'percent', 'the induction variable').text;
    expectPunct(p, '=');
    const lb = ref(p);
    expectBare(p, 'to');
    const ub = ref(p);
    expectBare(p, 'step');
    const step = ref(p);
    let names: string[] = [];
    let inits: Ref[] = [];
    let iterTypes: Type[] = [];
    if (eatBare(p, 'iter_args')) {
      ({ names, inits } = assignments(p));
      expectPunct(p, '->');
      iterTypes = parseResultTypes(p);
    }
    const ivType = eatPunct(p, ':') ? parseType(p) : index;
    const body = ctx.region(p, ctx, [{ name: iv, index: null, type: ivType }, ...args(p, names, iterTypes)]);
    if (iterTypes.length === 0) ensureTerminator(body, 'scf.yield');
    const attributes = optAttrDict(p);
    return draft({
      operands: [withType(lb, ivType), withType(ub, ivType), withType(step, ivType), ...typed(p, inits, iterTypes)],
      resultTypes: iterTypes,
      attributes,
      regions: [body],
    });
  },
  // scf.if %c (-> (T))? { then } (else { else })? {attrs}
  'scf.if': (p, ctx) => {
    const c = ref(p);
    const resultTypes = eatPunct(p, '->') ? parseResultTypes(p) : [];
    const thenR = ctx.region(p, ctx, []);
    let elseR: Region = { blocks: [] };
    if (eatBare(p, 'else')) {
      elseR = ctx.region(p, ctx, []);
      if (resultTypes.length === 0) ensureTerminator(elseR, 'scf.yield');
    }
    if (resultTypes.length === 0) ensureTerminator(thenR, 'scf.yield');
    const attributes = optAttrDict(p);
    return draft({ operands: [withType(c, i(1))], resultTypes, attributes, regions: [thenR, elseR] });
  },
  // scf.while (%a = %x) : (T) -> (R) { before } do { after } {attrs}
  'scf.while': (p, ctx) => {
    const { names, inits } = isPunct(p, '(') ? assignments(p) : { names: [], inits: [] };
    expectPunct(p, ':');
    const fn = parseFunctionType(p);
    const before = ctx.region(p, ctx, args(p, names, fn.inputs));
    expectBare(p, 'do');
    const after = ctx.region(p, ctx, null);
    const attributes = optAttrDict(p);
    return draft({ operands: typed(p, inits, fn.inputs), resultTypes: fn.results, attributes, regions: [before, after] });
  },
  // scf.condition(%c) {attrs} %a, %b : T, U
  'scf.condition': (p) => {
    expectPunct(p, '(');
    const c = ref(p);
    expectPunct(p, ')');
    const attributes = optAttrDict(p);
    return draft({ operands: [withType(c, i(1)), ...optTypedList(p)], attributes });
  },
  // scf.yield {attrs} %a : T
  'scf.yield': (p) => {
    const attributes = optAttrDict(p);
    return draft({ operands: optTypedList(p), attributes });
  },
  // scf.index_switch %i {attrs} (-> T)? (case N { ... })* default { ... }
  'scf.index_switch': (p, ctx) => {
    const arg = ref(p);
    const attributes = optAttrDict(p);
    const resultTypes = eatPunct(p, '->') ? parseResultTypeList(p) : [];
    const cases: bigint[] = [];
    const caseRegions: Region[] = [];
    while (eatBare(p, 'case')) {
      cases.push(expectSignedInt(p, 'a case value'));
      caseRegions.push(ctx.region(p, ctx, []));
    }
    expectBare(p, 'default');
    const regions = [ctx.region(p, ctx, []), ...caseRegions];
    if (resultTypes.length === 0) for (const r of regions) ensureTerminator(r, 'scf.yield');
    return draft({ operands: [withType(arg, index)], resultTypes, properties: [{ name: 'cases', value: i64Array(cases) }], attributes, regions });
  },
  // scf.execute_region (-> (T))? { body } {attrs}
  'scf.execute_region': (p, ctx) => {
    const resultTypes = eatPunct(p, '->') ? parseResultTypes(p) : [];
    const body = ctx.region(p, ctx, []);
    const attributes = optAttrDict(p);
    return draft({ resultTypes, attributes, regions: [body] });
  },
};

