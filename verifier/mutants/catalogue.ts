// The catalogue: every mutation operator, by name. Order is the report's order.
import { integerOperators } from './ops-integer.ts';
import { memoryOperators } from './ops-memory.ts';
import { controlOperators } from './ops-control.ts';
import type { MutationOperator } from './types.ts';

export const CATALOGUE: MutationOperator[] = [
  ...integerOperators('arith'),
  ...integerOperators('llvm'),
  ...memoryOperators(),
  ...controlOperators(),
];

const byName = new Map(CATALOGUE.map((o) => [o.name, o]));
if (byName.size !== CATALOGUE.length) throw new Error('two mutation operators share a name');
for (const o of CATALOGUE) {
  if (o.expect === 'equivalent' && !o.equivalentReason) throw new Error(`operator ${o.name} expects equivalence without a reason`);
}

export function operatorByName(name: string): MutationOperator | undefined {
  return byName.get(name);
}
