// Custom syntax of the builtin ops: `module` and `unrealized_conversion_cast`.
import type { NamedAttr, Value } from './ir.ts';
import type { CustomParser } from './parse.ts';
import { expectBare, expectPunct, next } from './parser-state.ts';
import { parseTypeList } from './parse-type-attr.ts';
import { attrs, draft, optAttrDict, optKeywordAttrDict, refList, strAttr, typed } from './custom-helpers.ts';

const MODULE_INHERENT = new Set(['sym_name', 'sym_visibility']);

export const builtinParsers: Record<string, CustomParser> = {
  // module (@name)? (attributes {...})? { ops }
  'builtin.module': (p, ctx) => {
    const props: NamedAttr[] = [];
    if (p.tok.kind === 'at') props.push({ name: 'sym_name', value: strAttr(next(p).text) });
    const dict = optKeywordAttrDict(p);
    const body = ctx.region(p, { ...ctx, defaultDialect: null }, null);
    if (body.blocks.length === 0) body.blocks.push({ label: null, args: [], ops: [] });
    return draft({ ...attrs(dict, MODULE_INHERENT, props), regions: [body] });
  },
  // builtin.unrealized_conversion_cast (%a, %b : T, U)? to V, W {attrs}
  'builtin.unrealized_conversion_cast': (p) => {
    const refs = refList(p);
    let operands: Value[] = [];
    if (refs.length > 0) {
      expectPunct(p, ':');
      operands = typed(p, refs, parseTypeList(p));
    }
    expectBare(p, 'to');
    const resultTypes = parseTypeList(p);
    return draft({ operands, resultTypes, attributes: optAttrDict(p) });
  },
};
