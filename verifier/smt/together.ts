// Many queries over one set of assumptions, several to one call into z3's thread. A check such
// as a cut-point proof (verifier/tv/core/cut-validate.ts) asks 20-60 queries [...base, part],
// nearly all unsat in a few milliseconds each: the first four alone, each paying for the whole
// base again, then in the z3-wasm context that holds the base (z3wasm.ts, incremental.ts), one
// call each — whose fixed cost, 1-2 ms against 0.3-0.6 ms a part when several go in one call
// (scratch/speed9/trivial2.ts), is most of a small part's time. Two ways here, each part in its
// own push/pop with an eighth of its limits (as the usual path's incremental try):
// - unsatAtOnce: all of them in a context of their own, none alone first; taken only when
//   every one is unsat. z3's answers depend on its context's history, so taking some answers
//   from here and asking the rest the usual way would change those (a binary_search `find`
//   part went from 0.1 M to over 1 M units); when one is not unsat, the caller asks them all the
//   usual way, as without this try.
// - unsatTogether: in the usual path's context for the base once that is open, in the usual
//   order — the same history, so the same answers (together.test.ts compares them).
// Only unsat answers are returned, each unsat of exactly that query asked alone.
// verifier/tv/core/README.md "Many small queries".
import type { Term } from './term.ts';
import { getSolverDefaults, noteResult, defaultBackend, type Query, type SolverResult } from './solver.ts';
import { dumpQuery } from './dump.ts';
import { askFresh, askTogether, z3WasmBackend } from './z3wasm.ts';
import { incrementalWanted } from './incremental.ts';
import { charge, currentBudget, refusal } from './budget.ts';

/** Fewer parts than this over one base are left to the usual path. */
export const MIN_TOGETHER = 2;
/** The first chunk's parts; each further chunk doubles (a part that is not unsat ends the
 *  chunks: the parts after it in its chunk are the most this wastes). */
const FIRST_CHUNK = 8;
/** The share of a query's limits each part gets here (incremental.ts's try: INC_SHARE). */
const SHARE = 1 / 8;

export type Together = { unsat: Set<number>; units: number };

/**
 * The indices of `queries` (each a list of assertions, or null: not asked) answered unsat when
 * asked together, and the resource units spent; null when none was asked — not yet (the usual
 * path would ask the first of them alone: the caller does so, then tries the rest again) or
 * not here: outside a Core -> MLIR check (incremental.ts's scope), another back end than
 * z3-wasm, fewer than MIN_TOGETHER
 * queries, or FIDELITY_NO_TOGETHER=1 (to measure what this changes). Only the queries whose
 * assertions but the last are the first query's (the same term objects) are asked.
 */
export async function unsatTogether(queries: (Term[] | null)[], opts: { timeoutMs: number; name: string; what: string; dumpTo?: string }): Promise<Together | null> {
  if (!incrementalWanted() || process.env.FIDELITY_NO_TOGETHER === '1' || defaultBackend() !== z3WasmBackend || queries.length < MIN_TOGETHER) return null;
  const shared = sharedBase(queries, MIN_TOGETHER, opts.timeoutMs);
  if (!shared) return null;
  const { base, idx, limits } = shared;
  const out: Together = { unsat: new Set(), units: 0 };
  for (let from = 0, size = FIRST_CHUNK; from < idx.length; from += size, size *= 2) {
    // no more than the check's budget allows (budget.ts)
    const chunk = idx.slice(from, from + Math.min(size, room({ asked: 0, timeMs: 0, resources: 0 })));
    if (chunk.length < size && from + chunk.length < idx.length) size = chunk.length; // the last chunk the budget allows
    if (!chunk.length) return from === 0 ? null : out;
    const answers = await askTogether(base, chunk.map((i) => queries[i]![base.length]!), limits);
    if (!answers) return from === 0 ? null : out;
    let done = true;
    for (const [k, r] of answers.entries()) {
      if (!r) {
        done = false;
        continue;
      }
      const i = chunk[k]!;
      if (r.status === 'unsat') {
        noted(`${opts.name}.${i}`, { assertions: queries[i]!, wantModel: [], description: opts.what }, r, opts.dumpTo);
        out.units += r.resources ?? 0;
        out.unsat.add(i);
      } else {
        // the caller asks it again: as a failed incremental try (z3wasm.ts), its time is
        // charged, its units are not (the usual path's answer counts them)
        charge({ timeMs: r.timeMs });
        done = false;
      }
    }
    if (!done) return out;
  }
  return out;
}

/**
 * All of them at once, first: the queries over the first query's base (as unsatTogether) asked
 * in a context of their own opened for them (z3wasm.ts askFresh), none alone first. When every
 * one is unsat, they are counted as checkQuery counts them and returned; otherwise null and
 * nothing is kept but the time, charged to the check's budget as one query: the caller then
 * asks every query the usual way, in the usual order, with the usual context history — so its
 * answers are what they were without this try (z3's answers depend on that history; taking the
 * unsat ones from here and asking only the rest made a binary_search `find` part go from 0.1 M to
 * over 1 M units). FIDELITY_NO_AT_ONCE=1 skips this try.
 */
export async function unsatAtOnce(queries: (Term[] | null)[], opts: { timeoutMs: number; name: string; what: string; min?: number; dumpTo?: string }): Promise<Together | null> {
  if (!incrementalWanted() || process.env.FIDELITY_NO_TOGETHER === '1' || process.env.FIDELITY_NO_AT_ONCE === '1' || defaultBackend() !== z3WasmBackend) return null;
  const shared = sharedBase(queries, opts.min !== undefined && process.env.FIDELITY_NO_FEW_AT_ONCE !== '1' ? opts.min : MIN_AT_ONCE, opts.timeoutMs);
  if (!shared) return null;
  const { base, idx, limits } = shared;
  const answers = await askFresh(base, idx.map((i) => queries[i]![base.length]!), limits, FIRST_CHUNK, room);
  if (!answers) return null;
  const units = answers.reduce((n, r) => n + (r?.resources ?? 0), 0);
  if (process.env.FIDELITY_TOGETHER_TRACE) console.error(`at once ${opts.name}: ${answers.map((r, k) => `${idx[k]}:${r?.status ?? '-'}/${r?.resources ?? ''}`).join(' ')}`);
  if (!answers.every((r) => r?.status === 'unsat')) {
    // its time is charged, its units are not (as a failed incremental try: the usual path's
    // answers count them, so a resource-limited check decides as without this try)
    charge({ timeMs: answers.reduce((n, r) => n + (r?.timeMs ?? 0), 0) });
    return null;
  }
  for (const [k, r] of answers.entries()) noted(`${opts.name}.${idx[k]}`, { assertions: queries[idx[k]!]!, wantModel: [], description: opts.what }, r!, opts.dumpTo);
  return { unsat: new Set(idx), units };
}

/** An unsat answer taken from here, counted as checkQuery counts one and, with --dump-smt,
 *  dumped as checkQuery dumps one: each part stand-alone with its answer, so that a stock z3
 *  can re-check it and the bench's native re-run sees the queries this path decided (with the
 *  dump this path used to be skipped, so `--dump-smt` timed a slower path than the default). */
function noted(name: string, q: Query, r: SolverResult, dumpTo: string | undefined): void {
  noteResult(name, q, r, 'z3-wasm');
  const to = dumpTo ?? getSolverDefaults().dumpTo;
  if (to) dumpQuery(to, name, q, r);
}

/** Fewer queries than this over one base are not tried at once (the usual path asks the
 *  first four alone, then opens a context: checks of 2-5 queries were no faster in one) —
 *  unless the caller says `min`: the parts left after a fold (cut-bounds.ts) are tried at once
 *  however few, since failing here means asking every part as built (binary_search
 *  `lowerBound`: 2 left of 25, and its part 28, 0.18 M units, asked again). FIDELITY_NO_FEW_AT_ONCE=1 ignores `min`, to measure. */
const MIN_AT_ONCE = 6;

/** How many more queries the check's budget (budget.ts) allows after `spent` of them not yet
 *  charged: its queries left, and none once its time or units are spent. */
function room(spent: { asked: number; timeMs: number; resources: number }): number {
  const b = currentBudget();
  if (!b) return Infinity;
  if (b.reason) return 0;
  if (b.units !== undefined ? b.spent.units + spent.resources >= b.units : b.spent.solverMs + spent.timeMs >= b.solverMs) return 0;
  return Math.max(0, b.queries - b.spent.queries - spent.asked);
}

/** The queries over the first query's base (the same term objects for every assertion but
 *  the last), when there are at least `min` and the budget and the size cap (budget.ts) allow
 *  them all at once; with the limits each is asked under (a SHARE of the usual ones). */
function sharedBase(queries: (Term[] | null)[], min: number, timeoutMs: number): { base: Term[]; idx: number[]; limits: { timeoutMs: number; rlimit?: number } } | null {
  const first = queries.find((q) => q && q.length > 1);
  if (!first) return null;
  const base = first.slice(0, -1);
  const same = (q: Term[] | null) => !!q && q.length === base.length + 1 && q.every((t, i) => i === base.length || t === base[i]);
  const idx = queries.flatMap((q, i) => (same(q) ? [i] : []));
  if (idx.length < min) return null;
  if (refusal([...base, ...idx.map((i) => queries[i]![base.length]!)])) return null;
  const d = getSolverDefaults();
  const limits = { timeoutMs: Math.max(1, Math.round(timeoutMs * SHARE)), ...(d.rlimit ? { rlimit: Math.max(1, Math.round(d.rlimit * SHARE)) } : {}) };
  return { base, idx, limits };
}
