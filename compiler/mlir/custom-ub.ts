// Custom syntax of the ub dialect: `ub.poison`, which lift-cf-to-scf, mem2reg and others emit.
import type { CustomParser } from './parse.ts';
import { eatPunct, expectPunct } from './parser-state.ts';
import { parseAttr } from './parse-type-attr.ts';
import { attrs, colonType, draft, opaque, optAttrDict } from './custom-helpers.ts';

/** The value MLIR 19 gives `ub.poison` when its text names none (the generic form prints it). */
export const UB_POISON_VALUE = '#ub.poison';

export const ubParsers: Record<string, CustomParser> = {
  // ub.poison {attrs}? (<value>)? : T
  'ub.poison': (p) => {
    const dict = optAttrDict(p);
    let value = opaque(UB_POISON_VALUE);
    if (eatPunct(p, '<')) {
      value = parseAttr(p);
      expectPunct(p, '>');
    }
    return draft({ resultTypes: [colonType(p)], ...attrs(dict, ['value'], [{ name: 'value', value }]) });
  },
};
