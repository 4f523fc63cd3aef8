// Many queries over one set of assumptions, asked together first. A check such as a cut-point
// proof (verifier/tv/core/cut-validate.ts) asks 20-60 queries [...base, part], nearly all unsat
// in a few milliseconds each; asked one by one, each pays z3-wasm's fixed cost of a call into
// its thread, and the first four pay for the whole base again before incremental.ts's context
// opens (verifier/tv/core/README.md "Many small queries", session 9). Here the z3-wasm context
// holding the base is opened at once and the parts go to it in chunks, each part in its own
// push/pop with its own limits (an eighth of the query's, as incremental.ts's try). Only an
// unsat answer is returned: it is unsat of exactly that query asked alone; every other part is
// left to the caller's usual path, so no answer is worse than without this.
import type { Term } from './term.ts';
import { getSolverDefaults, noteResult, defaultBackend } from './solver.ts';
import { askTogether, z3WasmBackend } from './z3wasm.ts';
import { incrementalWanted } from './incremental.ts';
import { charge, refusal } from './budget.ts';

/** Fewer parts than this over one base are left to the usual path (incremental.ts opens its
 *  context at the fifth query: checks of 2-5 queries were no faster in a context). */
export const MIN_TOGETHER = 5;
/** The first chunk's parts; each further chunk doubles (a part that is not unsat ends the
 *  chunks: the parts after it in its chunk are the most this wastes). */
const FIRST_CHUNK = Number(process.env.TOG_CHUNK ?? 8);
/** The share of a query's limits each part gets here (incremental.ts's try: INC_SHARE). */
const SHARE = 1 / 8;

export type Together = { unsat: Set<number>; units: number };

/**
 * The indices of `queries` (each a list of assertions, or null: not asked) answered unsat when asked together,
 * and the resource units spent. Only the queries whose assertions but the last are those of the
 * first query of two or more assertions (the same term objects) are asked; none when fewer than MIN_TOGETHER share it, when
 * queries are dumped (--dump-smt keeps every query stand-alone), outside a Core -> MLIR check
 * (incremental.ts's scope), or with another back end than z3-wasm (FIDELITY_NO_TOGETHER=1: never,
 * to measure what it changes).
 */
export async function unsatTogether(queries: (Term[] | null)[], opts: { timeoutMs: number; name: string; what: string }): Promise<Together> {
  const none: Together = { unsat: new Set(), units: 0 };
  const d = getSolverDefaults();
  if (!incrementalWanted() || process.env.FIDELITY_NO_TOGETHER === '1' || d.dumpTo || defaultBackend() !== z3WasmBackend || queries.length < MIN_TOGETHER) return none;
  const first = queries.find((q) => q && q.length > 1);
  if (!first) return none;
  const base = first.slice(0, -1);
  const same = (q: Term[] | null) => !!q && q.length === base.length + 1 && q.every((t, i) => i === base.length || t === base[i]);
  const idx = queries.flatMap((q, i) => (same(q) ? [i] : []));
  if (idx.length < MIN_TOGETHER) return none;
  // the budget and the size cap (budget.ts) as for the largest of them: all at once
  if (refusal([...base, ...idx.map((i) => queries[i]![base.length]!)])) return none;
  const limits = { timeoutMs: Math.max(1, Math.round(opts.timeoutMs * SHARE)), ...(d.rlimit ? { rlimit: Math.max(1, Math.round(d.rlimit * SHARE)) } : {}) };
  const out: Together = { unsat: new Set(), units: 0 };
  let size = FIRST_CHUNK;
  for (let from = 0; from < idx.length; from += size, size *= Number(process.env.TOG_GROW ?? 2)) {
    const chunk = idx.slice(from, from + size);
    const answers = await askTogether(base, chunk.map((i) => queries[i]![base.length]!), limits);
    if (!answers) return out;
    let done = true;
    for (const [k, r] of answers.entries()) {
      if (!r) {
        done = false;
        continue;
      }
      out.units += r.resources ?? 0;
      const i = chunk[k]!;
      if (r.status === 'unsat') noteResult(`${opts.name}.${i}`, { assertions: queries[i]!, wantModel: [], description: opts.what }, r, 'z3-wasm');
      else {
        charge(r); // its time was spent; the caller asks it again
        done = false;
      }
      if (r.status === 'unsat') out.unsat.add(i);
    }
    if (!done) return out;
  }
  return out;
}
