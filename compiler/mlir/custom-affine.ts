// Custom syntax of affine.apply/min/max, which expand-strided-metadata emits for dynamic
// offsets and strides.
import { index } from './ir.ts';
import type { CustomParser } from './parse.ts';
import { expectPunct, fail, isPunct } from './parser-state.ts';
import { parseAttr } from './parse-type-attr.ts';
import { attrs, draft, optAttrDict, refList, withType } from './custom-helpers.ts';

/** `#map(%d0, ...)[%s0, ...] {attrs}`: dimension operands then symbol operands. */
const mapOp: CustomParser = (p) => {
  const at = p.tok.start;
  const map = parseAttr(p);
  if (map.kind !== 'affineMap') fail(p, 'expected an affine map', at);
  expectPunct(p, '(');
  const dims = refList(p);
  expectPunct(p, ')');
  let syms: ReturnType<typeof refList> = [];
  if (isPunct(p, '[')) {
    expectPunct(p, '[');
    syms = refList(p);
    expectPunct(p, ']');
  }
  const dict = optAttrDict(p);
  return draft({
    operands: [...dims, ...syms].map((r) => withType(r, index)),
    resultTypes: [index],
    ...attrs(dict, ['map'], [{ name: 'map', value: map }]),
  });
};

export const affineParsers: Record<string, CustomParser> = {
  'affine.apply': mapOp,
  'affine.min': mapOp,
  'affine.max': mapOp,
};
