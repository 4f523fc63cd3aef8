// Sites and mutants: which ops of a module each operator may strike, a deterministic choice
// of at most `cap` of them spread over the module, and the mutated modules.
import type { Module, Operation } from '../../compiler/mlir/ir.ts';
import { functionFacts } from './facts.ts';
import { functionsOf, opsOfFunction, symbolName } from './locate.ts';
import type { Mutant, MutationOperator, Site, SiteContext } from './types.ts';

export type Candidate = { op: Operation; site: Site; ctx: SiteContext };

/**
 * Every op of every function of `m` that may be mutated, with its context. Dead pure ops are
 * left out: a mutant there is equivalent for a reason that says nothing about the validator.
 */
export function candidates(m: Module, opts: { functions?: readonly string[] } = {}): Candidate[] {
  const out: Candidate[] = [];
  for (const { fn, path } of functionsOf(m)) {
    const fnName = symbolName(fn);
    if (opts.functions && !opts.functions.includes(fnName)) continue;
    const facts = functionFacts(fn);
    let ordinal = 0;
    for (const at of opsOfFunction(fn, path)) {
      const site: Site = { path: at.path, fn: fnName, opName: at.op.name, ordinal: ordinal++ };
      if (facts.dead.has(at.op)) continue;
      out.push({ op: at.op, site, ctx: { module: m, fn, fnName, block: at.block, index: at.index, facts } });
    }
  }
  return out;
}

export function sitesFor(operator: MutationOperator, cands: Candidate[]): Site[] {
  return cands.filter((c) => operator.applies(c.op, c.ctx)).map((c) => c.site);
}

/** At most `cap` of `sites`, evenly spread (first, middle, last...), always the same ones. */
export function pickSites(sites: Site[], cap: number): Site[] {
  if (sites.length <= cap) return sites;
  if (cap <= 0) return [];
  if (cap === 1) return [sites[Math.floor(sites.length / 2)]!];
  const out: Site[] = [];
  for (let k = 0; k < cap; k++) out.push(sites[Math.round((k * (sites.length - 1)) / (cap - 1))]!);
  return out;
}

export const siteKey = (s: Site): string => `${s.fn}@${s.ordinal}:${s.opName}`;

export function makeMutant(m: Module, operator: MutationOperator, site: Site): Mutant {
  return { operator, site, module: operator.mutate(m, site), key: siteKey(site) };
}

export type GenerateOptions = {
  operators: readonly MutationOperator[];
  /** Sites per operator (default 3). */
  cap?: number;
  functions?: readonly string[];
};

/** The mutants of `m`: for each operator, up to `cap` sites. */
export function generateMutants(m: Module, opts: GenerateOptions): Mutant[] {
  const cands = candidates(m, { functions: opts.functions });
  const out: Mutant[] = [];
  for (const operator of opts.operators) {
    for (const site of pickSites(sitesFor(operator, cands), opts.cap ?? 3)) out.push(makeMutant(m, operator, site));
  }
  return out;
}
