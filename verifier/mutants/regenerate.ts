// One mutant rebuilt from its description (program, pass, operator, site key), for a person
// or a test re-examining it: the real pipeline, the site found again, the mutated module and
// its diff. Variant operators are rebuilt on their variant pair.
import { join } from 'node:path';
import type { Module } from '../../compiler/mlir/ir.ts';
import { operatorByName } from './catalogue.ts';
import { mutantDiff } from './explain.ts';
import { candidates, siteKey } from './generate.ts';
import { corpusProgram, passPairs, programStages, variantPair, type PassPair } from './pairs.ts';
import type { MutationOperator, Site } from './types.ts';

export type Rebuilt = { pair: PassPair; operator: MutationOperator; site: Site; mutant: Module; diff: string };

export type MutantRef = { program: string; pass: string; operator: string; site: string };

// each program compiled once per process and work directory
const compiled = new Map<string, ReturnType<typeof programStages>>();

/** The mutant, or why it cannot be rebuilt (an unknown operator, no such site any more). */
export async function rebuildMutant(ref: MutantRef, corpusDir: string, workDir: string): Promise<Rebuilt | { error: string }> {
  const operator = operatorByName(ref.operator);
  if (!operator) return { error: `no operator ${ref.operator}` };
  const program = corpusProgram(join(corpusDir, `${ref.program}.clef`));
  const key = `${program.file}\0${workDir}`;
  if (!compiled.has(key)) compiled.set(key, programStages(program, workDir));
  const stages = await compiled.get(key)!;
  const plain = passPairs(program, stages, [ref.pass])[0];
  if (!plain) return { error: `no pass ${ref.pass} in ${ref.program}'s pipeline` };
  const pair = operator.variant ? await variantPair(plain, operator.variant) : plain;
  const hit = candidates(pair.tgt).find((c) => siteKey(c.site) === ref.site);
  if (!hit) return { error: `no op at ${ref.site} in the output of ${ref.pass}` };
  if (!operator.applies(hit.op, hit.ctx)) return { error: `${ref.operator} does not apply at ${ref.site} (any more)` };
  const mutant = operator.mutate(pair.tgt, hit.site);
  return { pair, operator, site: hit.site, mutant, diff: mutantDiff(pair.tgt, mutant, hit.site.fn) };
}
