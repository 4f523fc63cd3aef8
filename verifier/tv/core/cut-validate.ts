// The unbounded proof of a Core function with loops (README.md "Unbounded proofs of loops"):
// the cut-point query of query.ts (cut mode) in parts — every arrival and back edge of every
// loop, then the paths between loop heads and returns — each its own check; all unsat:
// proved for executions of any length. A model of any part may be an unreachable head state,
// so it never refutes anything: the caller keeps the bounded verdict and says why.
import type { CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import { forEachNode } from '../../../compiler/core/walk.ts';
import { checkQuery, getSolverDefaults } from '../../smt/solver.ts';
import { tidyArenaArithmetic } from './low-bits.ts';
import type { Term } from '../../smt/term.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { FuncInfo, ModuleInfo } from '../../semantics/mlir/module-info.ts';
import { Unsupported } from '../../semantics/mlir/values.ts';
import { WidenPts } from '../../semantics/mlir/symexec.ts';
import type { ValidateOptions } from '../verdict.ts';
import { coreQuery, type CoreQuery } from './query.ts';
import { NotMapped } from './unmapped.ts';
import { solveFloatAbstraction } from './floats.ts';
import { hasCopyLoops } from './cut-copy.ts';
import { QueryTooLarge } from './too-large.ts';
import { unsatAtOnce, unsatTogether, type Together } from '../../smt/together.ts';
import { boundedPart, cutBoundsWanted } from './cut-bounds.ts';

/** Up to this many aliasing configurations are proved one by one (as validate.ts). */
const MAX_CONFIGS = 16;

export function hasLoop(fn: CoreFn): boolean {
  let found = false;
  forEachNode(fn.body, (e) => {
    if (e.kind === 'While') found = true;
  });
  return found;
}

/** null: the function has no loop. */
export async function proveByCutpoints(prog: CoreProgram, fn: CoreFn, info: ModuleInfo, fi: FuncInfo, opts: ValidateOptions): Promise<{ proved: boolean; why: string; vac?: { f: TermFactory; sets: Term[][] } } | null> {
  // also a function whose only loops are the target's copy loops (cut-copy.ts)
  if (!(hasLoop(fn) || hasCopyLoops(fi)) || opts.cutpoints === false) return null;
  const queries: CoreQuery[] = [];
  try {
    const q = coreQuery(prog, fn, info, fi, opts.unroll, undefined, true);
    const configs = configurations(q.blockChoices);
    if (configs.length > 1 && configs.length <= MAX_CONFIGS) for (const pick of configs) queries.push(coreQuery(prog, fn, info, fi, opts.unroll, pick, true));
    else queries.push(q);
  } catch (e) {
    // WidenPts: a carried pointer (the upstream cut mode would widen; Core's carried parts
    // are scalars only, so no proof here)
    if (e instanceof NotMapped || e instanceof Unsupported || e instanceof WidenPts) return { proved: false, why: e.message.replace(/^unsupported: /, '') };
    if (e instanceof QueryTooLarge) return { proved: false, why: `cut points: query too large: ${e.message}` };
    throw e;
  }
  // copy loops with Core loops (cut-strings.ts) in a large query — the
  // mains that print in fixed-count loops: 1-47 k assertions, each part sent with all of
  // them, none proved within the corpus test's limits, 10-25 s of its time each — not tried
  const big = queries[0]!.assertions.length;
  if (hasLoop(fn) && hasCopyLoops(fi) && big > MAX_COPY_ASSERTIONS) return { proved: false, why: `cut points: copy loops with Core loops in a query of ${big} assertions (more than ${MAX_COPY_ASSERTIONS}: not tried)` };
  let loops = 0;
  const t0 = performance.now();
  // with a resource limit per query (tests that must not depend on the load), the budget is
  // also BUDGET limits' worth of units: the attempt then stops on work, not the clock
  const rlimit = getSolverDefaults().rlimit;
  let units = 0;
  for (const [k, q] of queries.entries()) {
    if (q.cut || q.vacuous) return { proved: false, why: 'cut points: a loop was still unrolled' };
    loops = Math.max(loops, new Set(q.cutParts.map((p) => p.what.replace(/^(entering|the back edge of) /, ''))).size);
    const base = q.assertions.slice(0, -1);
    // the paths between heads and returns: the mismatch in its kinds (their union is the
    // mismatch when no loop is cut, as here), each a smaller query
    const F = q.pair.env.f;
    const parts = [
      ...q.cutParts.flatMap((p) => disjuncts(F, p.t, p.alone === true).map((t) => ({ what: p.what, t, alone: p.alone === true }))),
      ...q.parts.flatMap((p) => disjuncts(F, p.t).map((t) => ({ what: `the paths between loop heads and returns (${p.what})`, t }))),
    ];
    const where = queries.length > 1 ? ` (aliasing placement ${k + 1} of ${queries.length})` : '';
    // the parts over one base (verifier/smt/together.ts): all at once first, taken only when
    // every one is unsat; else each asked as below, several at a time once z3-wasm keeps a
    // context for the base — only unsat answers, for exactly the query the loop would ask
    const plain = parts.map((part) => (part.t.kind === 'bool' && !part.t.value ? null : tidyArenaArithmetic(F, 'alone' in part && part.alone ? [part.t] : [...base, part.t])));
    const name0 = `core.${fn.name}.cut${queries.length > 1 ? `.alias${k}` : ''}`;
    // with --dump-smt the same path as without (the bench dumps: it must time the default
    // path); every query this path answers is dumped stand-alone (together.ts)
    const dumpTo = opts.dumpSmt ? { dumpTo: opts.dumpSmt } : {};
    // first each part simplified by bounds under its assumptions (cut-bounds.ts: an
    // equivalence there; a part that folds to false is no query), the rest all at once; taken
    // only when all are unsat. Else the parts as built, as before this: all at once, then the
    // usual order — the same history in z3's context, so the same answers (binary_search
    // `lowerBound`'s part 28: 0.2 M units after the parts that fold here, 5 M without them)
    const folded = !cutBoundsWanted() ? null : parts.map((part, i) => {
      if (!plain[i]) return null;
      const alone = 'alone' in part && part.alone;
      const t = boundedPart(F, alone ? [] : base, part.t);
      return t === part.t ? plain[i]! : t.kind === 'bool' && !t.value ? null : tidyArenaArithmetic(F, alone ? [t] : [...base, t]);
    });
    let together: Together | null = null;
    let asks = plain;
    if (folded && folded.some((a, i) => a !== plain[i])) {
      together = folded.every((a) => !a) ? { unsat: new Set(), units: 0 } : await unsatAtOnce(folded, { timeoutMs: opts.timeoutMs, name: `${name0}.bounds`, what: `inductive simulation of core-to-mlir of ${fn.name}`, min: 1, ...dumpTo });
      if (together) asks = folded;
    }
    if (!together) together = await unsatAtOnce(asks, { timeoutMs: opts.timeoutMs, name: name0, what: `inductive simulation of core-to-mlir of ${fn.name}`, ...dumpTo });
    units += together?.units ?? 0;
    for (const [i, part] of parts.entries()) {
      if (!asks[i]) continue;
      if (!together) {
        together = await unsatTogether(asks.map((a, j) => (j < i ? null : a)), { timeoutMs: opts.timeoutMs, name: name0, what: `inductive simulation of core-to-mlir of ${fn.name}`, ...dumpTo });
        units += together?.units ?? 0;
      }
      if (together?.unsat.has(i)) continue;
      // the parts share a time budget: a function whose proof fails spends it, then its
      // bounded check runs as before
      if (performance.now() - t0 > BUDGET * opts.timeoutMs) return { proved: false, why: `cut points: out of time (${BUDGET} query time limits) before ${part.what}${where}` };
      if (rlimit && units > BUDGET * rlimit) return { proved: false, why: `cut points: out of resources (${BUDGET} query resource limits) before ${part.what}${where}` };
      const name = `core.${fn.name}.cut${queries.length > 1 ? `.alias${k}` : ''}.${i}`;
      // float computations as unknown functions first (core-memory's floats.ts): unsat there
      // is unsat here; anything else, the full part decides (a model never refutes here)
      // arena arithmetic at the width it is read at (low-bits.ts: identities; core-calls)
      // a copy loop's own checks without the query's assertions (cut-copy.ts): fewer assumptions
      const asserted = asks[i]!;
      const abs = await solveFloatAbstraction(F, asserted, [], opts.timeoutMs, name, opts.dumpSmt);
      if (abs.kind === 'unsat') continue;
      const r = await checkQuery(
        { assertions: asserted, wantModel: [], description: `inductive simulation of core-to-mlir of ${fn.name}: ${part.what}` },
        opts.dumpSmt ? { timeoutMs: opts.timeoutMs, dumpTo: opts.dumpSmt, name } : { timeoutMs: opts.timeoutMs, name },
      );
      units += r.resources ?? 0;
      if (process.env.FIDELITY_CUT_TRACE) console.error(`cut ${fn.name} part ${i}/${parts.length} ${part.what} [${asserted.length}]: ${r.status} ${Math.round(performance.now() - t0)} ms ${r.resources ?? ''}`);
      if (r.status === 'sat') return { proved: false, why: `the simulation relation does not hold at ${part.what}${where}` };
      if (r.status !== 'unsat') return { proved: false, why: `the inductive query for ${part.what} is ${r.status}${r.reason ? ` (${r.reason})` : ''}${where}` };
    }
  }
  // (vac: each placement's assumptions, for the vacuity guard: ../vacuity.ts)
  return { proved: true, why: `cut points at ${loops} loop head${loops === 1 ? '' : 's'}, simulation checked inductively`, vac: { f: queries[0]!.pair.env.f, sets: queries.map((q) => q.assertions.slice(0, -1)) } };
}

/** A disjunction's members, each its own (smaller) query — all unsat iff the disjunction is
 *  unsat; a long one stays whole (the solver's own case split is then cheaper). */
function disjuncts(F: TermFactory, t: Term, deep = false): Term[] {
  const out = cutPartMembers(F, t, deep);
  return out.length <= MAX_SPLIT ? out : [t];
}

/** A part's members as disjuncts splits them, however many (tests check them one by one). */
export function cutPartMembers(F: TermFactory, t: Term, deep = true): Term[] {
  const go = (x: Term): Term[] => {
    if (x.kind === 'app' && x.op === 'or') return x.args.flatMap(go);
    if (x.kind === 'app' && x.op === 'and') {
      // a conjunction with one disjunction among its members: distributed (core-loops, round
      // 8: nested conjunctions flattened first, and with several disjunctions the widest one
      // — any one distributes exactly; a copy loop's back edge inside a Core loop is its
      // mismatch, its instances and the enclosing loops' string placements; `deep`: only for
      // such parts checked alone, so that other parts are split as before)
      const flat: Term[] = [];
      const flatten = (t: Term): void => (t.kind === 'app' && t.op === 'and' ? t.args.forEach(flatten) : void flat.push(t));
      flatten(x);
      const ors = (deep ? flat : x.args).filter((a): a is Term & { kind: 'app' } => a.kind === 'app' && a.op === 'or');
      if (ors.length === 0 || (!deep && ors.length > 1)) return [x];
      const widest = ors.reduce((a, b) => (b.args.length > a.args.length ? b : a));
      if (ors.length > 1 && widest.args.length < MIN_WIDEST) return [x];
      const rest = (deep ? flat : x.args).filter((a) => a !== widest);
      return go(widest).map((d) => F.and(...rest, d));
    }
    return [x];
  };
  // (members folded to false are no query: not counted, for the parts checked alone)
  return deep ? go(t).filter((m) => !(m.kind === 'bool' && !m.value)) : go(t);
}

const MAX_SPLIT = 40;

/** With several disjunctions in a conjunction, the widest is distributed only when it has at
 *  least this many members (as before this round: one disjunction, any width). */
const MIN_WIDEST = 4;

/** Functions with Core loops and copy loops whose cut-point query has more assertions than
 *  this are not tried (core-loops, round 8): those proved have 22-128 (bits `bitsOf` 27,
 *  crc16_frame `hex16` 106, bitmap_alloc `allocRun` 128); the mains that are not, 400-47 k. */
const MAX_COPY_ASSERTIONS = Number(process.env.FIDELITY_CUT_MAX_ASSERTIONS ?? 300); // env: for measuring

/** The cut-point attempt of one function gets this many query time limits in all. */
const BUDGET = 4;

/** Aliasing configurations: one block index per memory parameter. */
function configurations(counts: number[]): number[][] {
  let out: number[][] = [[]];
  for (const n of counts) out = out.flatMap((c) => Array.from({ length: n }, (_, i) => [...c, i]));
  return out;
}
