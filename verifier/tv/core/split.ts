// The refinement query in parts: the mismatch (the last assertion) is a disjunction — target
// UB, or (no cut and (returns differently, or the calls differ, or (Core returned and (the
// call count, the results or the memory differ)))) — and the query is unsat exactly when the
// assertions are unsat with each disjunct on its own. A solver handed the whole disjunction
// often spends its time in the hardest disjunct's search while carrying the others; checked
// apart, each part is a smaller problem with its own time limit (a main with many calls
// and a concatenation: 29 s as one query, 17 s in parts with the native z3).
// The parts are read off the mismatch term itself (never from a separate list that could
// drift from it): the UB conditions together, and the last disjunct spread — small
// disjunctions split, conjunctions distributed over a small disjunction among their
// conjuncts (at most MAX_SPREAD alternatives, so that the per-call mismatches stay one part:
// checked apart, forty calls would cost forty times the common assumptions).
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { checkQuery, type SolverResult } from '../../smt/solver.ts';
import { walk } from '../../smt/smtlib.ts';
import { queryNodes } from '../../smt/budget.ts';
import { simplifyUnder } from '../../smt/simplify-bounds.ts';
import { subAsAdd } from './cut-bounds.ts';
import { pieceWitnesses } from './strings.ts';
import { sliceParts, type Slice } from './slices.ts';
import { abstractNonlinear } from './nonlinear.ts';
import { costMs, limitShare } from './limit-share.ts'; // shares of a resource limit too

/** Each part is first simplified under the assumptions by bounds (simplify-bounds.ts: an
 *  equivalence wherever the assumptions hold); FIDELITY_NO_BOUNDS=1 turns it off, to
 *  measure what it changes. */
const BOUNDS = process.env.FIDELITY_NO_BOUNDS !== '1';
function bounded(F: TermFactory, base: Term[], p: Term): Term {
  if (!BOUNDS) return p;
  const t = performance.now();
  const r = simplifyUnder(F, base, p);
  if (process.env.FIDELITY_BOUNDS_DEBUG) console.error(`bounds: ${Math.round(performance.now() - t)} ms`, r.stats, r.term.kind === 'bool' ? r.term.value : 'open', isOr(p) ? p.args.length : 1, '->', isOr(r.term) ? r.term.args.length : 1);
  if (!boundsNormal() || r.term.kind === 'bool') return r.term;
  // FIDELITY_BOUNDS_NORMAL=1: then again in cut-bounds.ts's normal form (every `x - c` as
  // `x + (-c)`, a 1-bit register's `ite` read as its condition: the same values, so the
  // result is still equivalent wherever the assumptions hold), where Core's `n - 1` guarding
  // a call-result fact is the target's `n + -1` on its path. Off by default: at unroll 8 it
  // folds members of part 1 (insertion_sort `printAll` 814 -> 565, power_budget `main`
  // 1293 -> 8, region_stats `summary` 1324 -> 1000) but decides none of those rows under
  // 8 M units, and costs 1-14 s per part (the core README, "Timeouts: what part 1 is").
  const t2 = performance.now();
  const memo = new Map<number, Term>();
  const n = simplifyUnder(F, subAsAdd(F, base, memo), subAsAdd(F, [r.term], memo)[0]!, 8_000, 2_000_000);
  if (process.env.FIDELITY_BOUNDS_DEBUG) console.error(`bounds (normal form): ${Math.round(performance.now() - t2)} ms`, n.stats, n.term.kind === 'bool' ? n.term.value : 'open', isOr(r.term) ? r.term.args.length : 1, '->', isOr(n.term) ? n.term.args.length : 1);
  return n.stats.gaveUp ? r.term : n.term;
}
/** FIDELITY_BOUNDS_NORMAL=1 adds bounded's and sliceBounded's normal-form simplification
 *  (read at each part, so that a test can set it). */
const boundsNormal = (): boolean => process.env.FIDELITY_BOUNDS_NORMAL === '1';

/** A conjunction is distributed over a disjunction of at most this many alternatives. */
const MAX_SPREAD = 4;
/** At most this many parts (more: one query, as before). */
const MAX_PARTS = 8;
/** All parts together get at most this many time limits. */
const BUDGET = 2;

const isOr = (t: Term): t is Term & { kind: 'app' } => t.kind === 'app' && t.op === 'or';
const isAnd = (t: Term): t is Term & { kind: 'app' } => t.kind === 'app' && t.op === 'and';

function flatAnd(t: Term, out: Term[] = []): Term[] {
  if (isAnd(t)) t.args.forEach((a) => flatAnd(a, out));
  else out.push(t);
  return out;
}

/** Disjuncts whose disjunction is `t`: a small disjunction's own, a conjunction distributed
 *  over a small disjunction among its conjuncts (recursively, `depth` levels). */
function spread(F: TermFactory, t: Term, depth: number): Term[] {
  if (depth === 0) return [t];
  if (isOr(t)) return t.args.length <= MAX_SPREAD ? t.args.flatMap((a) => spread(F, a, depth - 1)) : [t];
  if (!isAnd(t)) return [t];
  const cs = flatAnd(t);
  const j = cs.findIndex((c) => isOr(c) && c.args.length <= MAX_SPREAD);
  if (j < 0) return [t];
  const rest = cs.filter((_, k) => k !== j);
  return (cs[j] as Term & { kind: 'app' }).args.flatMap((d) => spread(F, F.and(...rest, d), depth - 1));
}

/** The parts of a mismatch: their disjunction is the mismatch (as terms). query.ts builds
 *  it as (UB conditions..., the rest): the UB conditions are one part, the rest spread. */
export function mismatchParts(F: TermFactory, mismatch: Term): Term[] {
  const top = isOr(mismatch) ? mismatch.args : [mismatch];
  const parts = top.length <= MAX_SPREAD ? top.flatMap((t) => spread(F, t, 2)) : [F.or(...top.slice(0, -1)), ...spread(F, top[top.length - 1]!, 2)];
  return parts.filter((p) => !(p.kind === 'bool' && !p.value));
}

/** Checks `assertions` (the mismatch last) part by part, each within the time limit and all
 *  within BUDGET time limits: unsat when every part is; the first sat part's model (a model
 *  of the whole query: its part implies the mismatch); unknown at the first part that is
 *  neither. A mismatch with one part, or too many, is one query. Each part is first tried
 *  under the byte-free abstraction (checkPart). */
export async function checkInParts(
  F: TermFactory,
  assertions: Term[],
  wantModel: Term[],
  description: string,
  opts: { timeoutMs: number; dumpTo?: string; name: string },
): Promise<SolverResult & { part?: number }> {
  const parts = mismatchParts(F, assertions[assertions.length - 1]!);
  const base = assertions.slice(0, -1);
  if (parts.length <= 1 || parts.length > MAX_PARTS) {
    const whole = bounded(F, base, assertions[assertions.length - 1]!);
    if (whole.kind === 'bool' && !whole.value) return { status: 'unsat', timeMs: 0 };
    return checkPart(F, base, whole, wantModel, description, opts, opts.timeoutMs);
  }
  let timeMs = 0;
  let cost = 0; // what the parts spent, in ms of the limit (limit-share.ts)
  // the whole mismatch first, as one query with a small share of the limit: most loop-free
  // checks are unsat this way in one query where their parts were five or six, each paying
  // for the assumptions again (gcd_lcm `modInverse`: 6 queries, 148 ms -> 1, 35 ms). Only
  // its unsat is taken (then every part is unsat); anything else, the parts as before
  const share = wholeQueryFirst();
  if (share > 0 && queryNodes(assertions, WHOLE_MAX_NODES) < WHOLE_MAX_NODES) {
    const whole = bounded(F, base, assertions[assertions.length - 1]!);
    if (whole.kind === 'bool' && !whole.value) return { status: 'unsat', timeMs: 0 };
    // (nonlinear operations abstracted, as checkPart does first: its unsat is the query's)
    const a = NONLINEAR ? abstractNonlinear(F, [...base, whole]) : null;
    const quick = Math.max(1, Math.round(Math.min(opts.timeoutMs * share, WHOLE_MAX_MS)));
    const r = await checkQuery({ assertions: a?.abstracted ? a.assertions : [...base, whole], wantModel: [], description: `${description} (the whole mismatch first)` }, { ...opts, ...limitShare(opts, quick), name: `${opts.name}.whole` });
    timeMs += r.timeMs;
    cost += costMs(opts, r);
    if (r.status === 'unsat') return { status: 'unsat', timeMs };
  }
  for (const [k, p0] of parts.entries()) {
    const p = bounded(F, base, p0);
    if (p.kind === 'bool' && !p.value) continue; // unsat without the solver
    // a part that compares bytes, a conjunction over a disjunction (a string's pieces):
    // each member on its own, in turn
    let subs = readsBytesPart(p) ? memberParts(F, p) : [p];
    if (subs.length > 1) {
      // the whole part first, with a quarter of the limit: what it decides quickly costs no
      // more than before (members each pay the common assumptions); past that, the members
      const left = BUDGET * opts.timeoutMs - cost;
      const quick = Math.min(Math.round(opts.timeoutMs * WHOLE_FIRST), left);
      const r = quick > 0 ? await checkPart(F, base, p, wantModel, `${description} (part ${k + 1} of ${parts.length}, whole)`, { ...opts, ...limitShare(opts, quick), name: `${opts.name}.part${k}` }, quick) : undefined;
      if (r) timeMs += r.timeMs;
      if (r) cost += r.cost;
      if (r?.status === 'unsat') subs = [];
      else if (r?.status === 'sat') return { ...r, timeMs, part: k };
    }
    for (const [m, sp] of subs.entries()) {
      const left = BUDGET * opts.timeoutMs - cost;
      const which = `part ${k + 1} of ${parts.length}${subs.length > 1 ? `, member ${m + 1} of ${subs.length}` : ''}`;
      if (left <= 0) return { status: 'unknown', reason: `timeout (the parts' budget of ${BUDGET} time limits ran out at ${which} of the mismatch)`, timeMs, part: k };
      const r = await checkPart(F, base, sp, wantModel, `${description} (${which})`, { ...opts, ...limitShare(opts, Math.min(opts.timeoutMs, left)), name: `${opts.name}.part${k}${subs.length > 1 ? `.m${m}` : ''}` }, left);
      timeMs += r.timeMs;
      cost += r.cost;
      if (r.status === 'unsat') continue;
      if (r.status === 'unknown' || r.status === 'inconsistent') return { ...r, reason: `${r.reason ?? r.status} (${which} of the mismatch)`, timeMs, part: k };
      return { ...r, timeMs, part: k };
    }
  }
  return { status: 'unsat', timeMs };
}

/** The share of the time limit (or resource limit) the whole mismatch gets as one query
 *  before its parts; FIDELITY_NO_WHOLE_MISMATCH=1 (read at each check) skips it, to measure
 *  what it changes. */
const wholeQueryFirst = () => (process.env.FIDELITY_NO_WHOLE_MISMATCH === '1' ? 0 : 0.05);
/** ... and at most this many ms (with a resource limit, the same share of it): under a long
 *  limit a whole that is not unsat soon seldom is later, and the parts pay for the try (the
 *  tests' 180 s limit gave it 9 s) */
const WHOLE_MAX_MS = 1_000;
/** ... only for a query of fewer distinct terms than this: the loop-free checks it decides
 *  have 120-510 (corpus, unroll 8); a large one that its parts' folds and slices decide
 *  without z3 would pay the try for nothing (slices.test.ts: 9,988 terms, 1.1 s wasted). */
const WHOLE_MAX_NODES = 2_000;

/** The share of the time limit a part that has members gets as a whole first. */
const WHOLE_FIRST = 0.25;

/** At most this many members of a part's disjunction are checked one by one. */
const MAX_MEMBERS = 16;

/** The members of a part `and(c..., or(d_1..d_n))` (after its bounds simplification) whose
 *  disjunction is one string comparison's (strings.ts: the pieces' witnesses of one
 *  comparison, pieceWitnesses; members without a witness — a literal piece, the size — may
 *  be among them): the parts `and(c..., d_i)`, whose disjunction is the part
 *  (distributivity) — so all unsat iff the part is, and a model of one is a model of the
 *  part. One query over a string's pieces took z3-wasm 33 s (7.4 M resource units) where
 *  the pieces apart take 0.7-1.4 s each (native z3). A disjunction over several comparisons
 *  (the calls of a main) stays one part: apart, each would pay the common assumptions.
 *  Anything else: the part itself. */
export function memberParts(F: TermFactory, p: Term): Term[] {
  const cs = flatAnd(p);
  const j = cs.findIndex((c) => isOr(c) && c.args.length >= 2 && c.args.length <= MAX_MEMBERS && oneComparison(c.args));
  if (j < 0) return [p];
  // at least two members that compare bytes (pieces): a string of one piece (a join of
  // several concatenations, shapes_records `status`) gains nothing by the split and paid for
  // it (bounded(8) -> unknown at 10 s)
  const reads = byteReader();
  if ((cs[j] as Term & { kind: 'app' }).args.filter((d) => reads(d)).length < 2) return [p];
  const rest = cs.filter((_, k) => k !== j);
  return (cs[j] as Term & { kind: 'app' }).args.map((d) => F.and(...rest, d));
}

/** Whether the witnesses in `ds` all belong to one string comparison (and some do). */
function oneComparison(ds: Term[]): boolean {
  const groups = new Set<number>();
  walk(ds, (t) => {
    const g = t.kind === 'var' ? pieceWitnesses.get(t) : undefined;
    if (g !== undefined) groups.add(g);
  });
  return groups.size === 1;
}

/** Whether a part reads bytes (a result, a call operand, memory): checkPart's test. */
function readsBytesPart(p: Term): boolean {
  return byteReader()(p);
}

/** The share of a part's time limit the byte-free abstraction may use. */
const ABSTRACTION_SHARE = 0.5;

/** One part `p` against the assumptions `base`, within `opts.timeoutMs` and, with the
 *  abstraction, at most `budget` ms in all. A part that reads no byte of memory (the
 *  target's UB, the call count, how the sides return) is first checked under the byte-free
 *  abstraction, with half the time limit: the assumptions that read bytes dropped (string
 *  contents, the agreement of memories, the frames of calls). Fewer assumptions can only
 *  add models, so its unsat is the part's unsat; its models are not used (they need not
 *  satisfy the dropped facts). Otherwise (sat, or out of time) the part is checked with
 *  every assumption, with the whole time limit if the budget allows. What the abstraction
 *  decides cheaply is what lengths, positions and indices alone decide — the target's UB in
 *  string copy loops (crc16_frame hex16 at unroll 8: over 30 s -> 3.3 s with z3-wasm). A
 *  part that reads bytes (results, call operands, memory) needs the byte facts: one full
 *  query. */
// slices (slices.ts)
/** FIDELITY_NO_SLICES=1 turns the slices off, to measure what they change. */
const SLICES = process.env.FIDELITY_NO_SLICES !== '1';
/** Slices are used when each holds at most 1/SLICE_AT_MOST of the assertions. */
const SLICE_AT_MOST = 2;
/** At most this many slices of one part are checked apart (the rest together). */
const MAX_SLICES = 24;

/** The groups of `p`'s members with their slices of `base` (slices.ts), at most MAX_SLICES. */
function slicesOf(base: Term[], p: Term): Slice[] {
  const slices = sliceParts(base, p);
  if (slices.length <= MAX_SLICES) return slices;
  const rest = slices.slice(MAX_SLICES - 1);
  const keep = new Set(rest.flatMap((s) => s.assertions.map((a) => a.id)));
  return [...slices.slice(0, MAX_SLICES - 1), { assertions: base.filter((a) => keep.has(a.id)), members: rest.flatMap((s) => s.members) }];
}

/** A slice's members (their disjunction) simplified by bounds under the slice's own
 *  assertions (simplify-bounds.ts: equivalent wherever they hold; they are a subset of the
 *  query's assertions, so the query with it is the query with the members). The bounds
 *  simplification of a whole part runs under every assertion, and gives up on a large query
 *  (its step limit) where the same members fold under the few assertions they are connected
 *  to: crc16_frame `main`'s target UB at unroll 8 — 617 members, 8600 assertions, given up
 *  after 3.7 s, and then out of 40 M native z3 units — is 8 byte-free slices of 2-20
 *  assertions whose members all fold to false (1 s, no solver). FIDELITY_NO_SLICE_BOUNDS=1
 *  turns it off, to measure it. */
function sliceBounded(F: TermFactory, sl: Slice): Term {
  const members = F.or(...sl.members);
  if (!SLICE_BOUNDS || !BOUNDS || sl.assertions.length === 0) return members;
  // FIDELITY_BOUNDS_NORMAL=1: first in cut-bounds.ts's normal form (as in `bounded`); only a
  // fold to false is taken from it (the members are unsat with the slice), else the members
  // as the plain simplification leaves them.
  if (boundsNormal()) {
    const memo = new Map<number, Term>();
    const norm = simplifyUnder(F, subAsAdd(F, sl.assertions, memo), subAsAdd(F, [members], memo)[0]!).term;
    if (process.env.FIDELITY_SLICE_DEBUG) console.error(`slice bounds (normal form): ${sl.assertions.length} assertions, ${sl.members.length} members -> ${norm.kind === 'bool' ? norm.value : isOr(norm) ? norm.args.length : 1}`);
    if (norm.kind === 'bool' && !norm.value) return norm;
  }
  const r = simplifyUnder(F, sl.assertions, members).term;
  if (process.env.FIDELITY_SLICE_DEBUG) console.error(`slice bounds: ${sl.assertions.length} assertions, ${sl.members.length} members -> ${r.kind === 'bool' ? r.value : isOr(r) ? r.args.length : 1}`);
  return r;
}
const SLICE_BOUNDS = process.env.FIDELITY_NO_SLICE_BOUNDS !== '1';

/** Every group unsat with its slice (then `p` is unsat with `base`), within `budget` ms. */
async function slicesUnsat(F: TermFactory, slices: Slice[], description: string, opts: { timeoutMs: number; rlimit?: number; dumpTo?: string; name: string }, budget: number): Promise<{ status: 'unsat' | 'sat' | 'unknown'; reason?: string; timeMs: number; cost: number }> {
  let spent = 0;
  let time = 0;
  for (const [g, sl] of slices.entries()) {
    const left = budget - spent;
    const which = slices.length > 1 ? `slice ${g + 1} of ${slices.length}` : 'slice';
    // the group's members simplified by bounds under its slice (sliceBounded): false is
    // the group's unsat without the solver
    const members = sliceBounded(F, sl);
    if (members.kind === 'bool' && !members.value) continue;
    if (left <= 0) return { status: 'unknown', reason: `timeout (the budget ran out at ${which})`, timeMs: time, cost: spent };
    const r = await checkQuery({ assertions: [...sl.assertions, members], wantModel: [], description: `${description}, ${which}` }, { ...opts, ...limitShare(opts, Math.max(1, Math.min(opts.timeoutMs, left))), name: `${opts.name}.s${g}` });
    spent += costMs(opts, r);
    time += r.timeMs;
    if (r.status === 'unsat') continue;
    return { status: r.status === 'sat' ? 'sat' : 'unknown', reason: `${r.reason ?? r.status} (${which})`, timeMs: time, cost: spent };
  }
  return { status: 'unsat', timeMs: time, cost: spent };
}

/** One part. First, when its query has nonlinear operations Core and the target both compute
 *  (nonlinear.ts: two of a kind at least), the query with them abstracted, with half the limit:
 *  unsat is the part's unsat (the abstraction keeps every model); sat or out of time, the part
 *  as below with what is left (checkPartAsIs; the abstraction's model is never used).
 *  Then (checkPartAsIs), with slices: a part that reads no byte is first checked under the byte-free
 *  abstraction, slice by slice (half the limit); every slice unsat: unsat (each group's
 *  members are unsat with a subset of the assertions, and the groups' members are all of
 *  p's). A sat slice says nothing of the other assertions, but it makes the part likely sat:
 *  the part is then checked whole at once (checkFull, for a model of the whole query), with
 *  what is left of the budget — its byte-free attempt dropped (the byte-free slices hold
 *  every byte-free assertion connected to p). Slices of every assertion (a part that reads
 *  bytes, or whose byte-free slices were out of time) only after the whole part was tried
 *  with a quarter of the limit (WHOLE_FIRST, as for members): a part the whole decides costs
 *  no more than without slices. A try whose slices would drop nothing (no assertion, or a
 *  slice of more than half of them, or the same slices as the byte-free try) is skipped:
 *  the same query again (probe-floats `neg`: one query of no assertion asked three times,
 *  10.7 M -> 23.8 M z3-wasm units). */
async function checkPart(F: TermFactory, base: Term[], p: Term, wantModel: Term[], description: string, opts: { timeoutMs: number; rlimit?: number; dumpTo?: string; name: string }, budget: number): Promise<Costed> {
  if (!NONLINEAR) return checkPartAsIs(F, base, p, wantModel, description, opts, budget);
  const a = abstractNonlinear(F, [...base, p]);
  if (!a.abstracted) return checkPartAsIs(F, base, p, wantModel, description, opts, budget);
  const quick = Math.max(1, Math.min(budget, Math.round(opts.timeoutMs * NONLINEAR_SHARE)));
  const r = await checkQuery({ assertions: a.assertions, wantModel: [], description: `${description}, nonlinear operations abstracted` }, { ...opts, ...limitShare(opts, quick), name: `${opts.name}.nl` });
  const cost = costMs(opts, r);
  if (r.status === 'unsat') return { status: 'unsat', timeMs: r.timeMs, cost };
  const rest = await checkPartAsIs(F, base, p, wantModel, description, opts, budget - cost);
  return { ...rest, timeMs: rest.timeMs + r.timeMs, cost: rest.cost + cost };
}

/** FIDELITY_NO_NONLINEAR=1 turns the nonlinear abstraction (nonlinear.ts) off, to measure it. */
const NONLINEAR = process.env.FIDELITY_NO_NONLINEAR !== '1';
/** The share of a part's limit its nonlinear abstraction may use. */
const NONLINEAR_SHARE = 0.5;

/** One part, as checkPart without the nonlinear abstraction. */
async function checkPartAsIs(F: TermFactory, base: Term[], p: Term, wantModel: Term[], description: string, opts: { timeoutMs: number; rlimit?: number; dumpTo?: string; name: string }, budget: number): Promise<Costed> {
  if (!SLICES) return checkFull(base, p, wantModel, description, opts, budget);
  const readsBytes = byteReader();
  let spent = 0;
  let time = 0;
  const done = (r: Costed): Costed => ({ ...r, timeMs: r.timeMs + time, cost: r.cost + spent });
  // what the slices leave to checkFull: its byte-free attempt when none was sliced
  let lean = true;
  let leanKey = '';
  if (!readsBytes(p)) {
    const leanBase = base.filter((a) => !readsBytes(a));
    const slices = usefulSlices(leanBase, p, `${opts.name} (byte-free abstraction)`);
    if (slices) {
      leanKey = sliceKey(slices);
      const left = Math.min(budget, Math.round(opts.timeoutMs * ABSTRACTION_SHARE));
      const r = await slicesUnsat(F, slices, `${description}, byte-free abstraction, sliced`, { ...opts, name: `${opts.name}.lean` }, left);
      spent += r.cost;
      time += r.timeMs;
      if (r.status === 'unsat') return { status: 'unsat', timeMs: time, cost: spent };
      lean = false;
      // a sat slice: the whole part at once (its slices of every assertion would likely be
      // sat too, a query more before the one that finds the model)
      if (r.status === 'sat') return fullRest(base, p, wantModel, description, opts, budget, spent, time, lean);
    }
  }
  const slices = usefulSlices(base, p, opts.name);
  if (!slices || sliceKey(slices) === leanKey) return fullRest(base, p, wantModel, description, opts, budget, spent, time, lean);
  // the whole part first, with a quarter of the limit
  const quick = Math.min(Math.round(opts.timeoutMs * WHOLE_FIRST), budget - spent);
  if (quick <= 0) return { status: 'unknown', reason: 'timeout (in the slices of the part)', timeMs: time, cost: spent };
  const whole = await checkFull(base, p, wantModel, `${description}, whole first`, { ...opts, ...limitShare(opts, quick) }, quick, lean);
  if (whole.status !== 'unknown') return done(whole);
  spent += whole.cost;
  time += whole.timeMs;
  lean = false; // tried (or its slices were) within the whole's attempt
  const left = Math.min(budget - spent, opts.timeoutMs);
  if (left <= 0) return { status: 'unknown', reason: whole.reason ?? 'unknown', timeMs: time, cost: spent };
  const r = await slicesUnsat(F, slices, `${description}, sliced`, opts, left);
  spent += r.cost;
  time += r.timeMs;
  if (r.status === 'unsat') return { status: 'unsat', timeMs: time, cost: spent };
  // every assertion connected to p, out of time: the whole part would not do better
  if (r.status === 'unknown') return { status: 'unknown', reason: r.reason ?? 'unknown', timeMs: time, cost: spent };
  // a sat slice: the whole part again, with what is left (its first try had a quarter)
  return fullRest(base, p, wantModel, description, opts, budget, spent, time, lean);
}

/** checkFull with what is left of `budget` after `spent` (ms of the limit) and `time` (ms). */
async function fullRest(base: Term[], p: Term, wantModel: Term[], description: string, opts: { timeoutMs: number; rlimit?: number; dumpTo?: string; name: string }, budget: number, spent: number, time: number, lean: boolean): Promise<Costed> {
  const rest = budget - spent;
  if (rest <= 0) return { status: 'unknown', reason: 'timeout (in the slices of the part)', timeMs: time, cost: spent };
  const full = await checkFull(base, p, wantModel, description, { ...opts, ...limitShare(opts, Math.min(opts.timeoutMs, rest)) }, rest, lean);
  return { ...full, timeMs: full.timeMs + time, cost: full.cost + spent };
}

/** The slices of `base` for `p` when they drop something: some assertion, and each slice at
 *  most 1/SLICE_AT_MOST of them (a slice of most gains nothing over the whole: expr_parser
 *  `evaluate.number`, 46 of 58, as slow as the whole); else undefined. */
function usefulSlices(base: Term[], p: Term, name: string): Slice[] | undefined {
  if (base.length === 0) return undefined;
  const slices = slicesOf(base, p);
  if (process.env.FIDELITY_SLICE_DEBUG) console.error(`slices of ${name} (base ${base.length}):`, slices.map((x) => `${x.assertions.length}/${x.members.length}`).join(' '));
  if (slices.length === 0 || Math.max(...slices.map((x) => x.assertions.length)) * SLICE_AT_MOST > base.length) return undefined;
  return slices;
}

/** The queries slices make (their assertions and members), as a key. */
function sliceKey(slices: Slice[]): string {
  return slices.map((s) => `${s.assertions.map((a) => a.id).join(',')}|${s.members.map((m) => m.id).join(',')}`).join(';');
}

/** A result with what it cost, in ms of the limit (limit-share.ts costMs). */
type Costed = SolverResult & { cost: number };

async function checkFull(base: Term[], p: Term, wantModel: Term[], description: string, opts: { timeoutMs: number; rlimit?: number; dumpTo?: string; name: string }, budget: number, tryLean = true): Promise<Costed> {
  const readsBytes = byteReader();
  const lean = readsBytes(p) || !tryLean ? base : base.filter((a) => !readsBytes(a)); // tryLean: core-calls, round 7
  let spent = 0;
  let time = 0;
  if (lean.length < base.length) {
    const r = await checkQuery({ assertions: [...lean, p], wantModel: [], description: `${description}, byte-free abstraction` }, { ...opts, ...limitShare(opts, Math.max(1, Math.round(opts.timeoutMs * ABSTRACTION_SHARE))), name: `${opts.name}.lean` });
    if (r.status === 'unsat') return { ...r, cost: costMs(opts, r) };
    spent = costMs(opts, r);
    time = r.timeMs;
  }
  const limit = Math.min(opts.timeoutMs, budget - spent);
  if (limit <= 0) return { status: 'unknown', reason: 'timeout (the byte-free abstraction was not enough; no time left for the full query)', timeMs: time, cost: spent };
  // a model can only name the part's own variables (a solver rejects a request for a
  // constant the query does not declare, e.g. another part's witness) — core-memory engineer
  const inPart = new Set<number>();
  walk([...base, p], (t) => {
    if (t.kind === 'var') inPart.add(t.id);
  });
  const r = await checkQuery({ assertions: [...base, p], wantModel: wantModel.filter((v) => inPart.has(v.id)), description }, { ...opts, ...limitShare(opts, limit) });
  return { ...r, timeMs: r.timeMs + time, cost: costMs(opts, r) + spent };
}

/** Whether a term reads an array of bytes (memory: Core's byte cells, the target's U);
 *  memoised over shared subterms, iterative (store chains are deep). */
function byteReader(): (t: Term) => boolean {
  const memo = new Map<number, boolean>();
  const direct = (x: Term) => x.kind === 'app' && x.op === 'select' && x.args[0]!.sort.kind === 'array' && x.args[0]!.sort.elem.kind === 'bv' && x.args[0]!.sort.elem.width === 8;
  const kids = (x: Term): Term[] => (x.kind === 'app' ? x.args : x.kind === 'quant' || x.kind === 'lambda' ? [x.body] : x.kind === 'constArray' ? [x.value] : []);
  return (root) => {
    const stack: [Term, boolean][] = [[root, false]];
    while (stack.length) {
      const [x, expanded] = stack.pop()!;
      if (memo.has(x.id)) continue;
      if (expanded) {
        memo.set(x.id, direct(x) || kids(x).some((k) => memo.get(k.id)!));
        continue;
      }
      stack.push([x, true]);
      for (const k of kids(x)) if (!memo.has(k.id)) stack.push([k, false]);
    }
    return memo.get(root.id)!;
  };
}
