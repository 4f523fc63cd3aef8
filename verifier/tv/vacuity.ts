// Is a proof vacuous? A refinement query assumes the source has no UB (and, bounded, stays
// within the unrolling bound); when no input satisfies those assumptions, its unsat answer
// holds for every target, `return 7` included. Refinement then holds (a source with UB on
// every execution is refined by anything), but a program like that is rare and a model that
// wrongly puts UB on every path of a source is not: reviews 15 (F1) and 16 (N2, N3) found
// three wrong `proved` verdicts of exactly this kind (an alignment the source was thought to
// violate on every execution). So a proof whose assumptions have no model ends
// `unknown: vacuous: ...` — Alive2 likewise reports "source is always UB" rather than a plain
// "correct" (README.md, "Where DESIGN.md is silent").
//
// Soundness: the answer only ever turns `proved` into `unknown`. A wrong "defined" (a witness
// that is none) leaves a proof that is still a proof of refinement, and so does an undecided
// question, where the proof stands: a vacuous proof is a proof all the same.
//
// Cost: the solver is asked only when nothing already shows a defined source execution —
// assumptions that fold to true; a concrete run of the source (MLIR -> MLIR: the interpreter,
// replay.ts `sourceEndsCleanly`) on an input the query admits that returns or stops in a call
// without UB; or a witness model (all defaults; the concrete tests' edge values; the first of
// them with the assumptions' plain facts made true, vacuity-repair.ts) on which every
// assumption evaluates to true (exact SMT-LIB semantics over the same terms). The concrete run
// is the one semantics run the other way (DESIGN.md "One semantics, two interpretations"), so
// a semantics bug that puts UB on every execution shows in it too (F1, N2, N3 did); a bug of
// the symbolic interpretation alone would not, and is what the evaluation and the solver see.
// Where the solver is asked, it gets at most SOLVER_MS: undecided leaves the proof standing.
// Measured (27 Nov, tests/verifier/tv/corpus.test.ts): 1673 checks, 371 folded, 1262 decided
// by a run (2.7 s for all), 40 by the solver (3.4 s), none vacuous. With the repaired witness
// (later that day, tv corpus: 364 folded, 1245 run, 46 repaired, 18 solver; Core corpus test:
// 53 of 95 repaired, 5 solver, against some 50 solver questions before).
import type { TermFactory } from '../smt/factory.ts';
import type { Term } from '../smt/term.ts';
import { evaluate, type Model } from '../smt/model.ts';
import { checkQuery } from '../smt/solver.ts';
import type { Type } from '../../compiler/mlir/ir.ts';
import { inputModel, type Style } from './concrete-tests.ts';
import { repairedWitness } from './vacuity-repair.ts';
import type { ArgLayout } from './pair.ts';

export const VACUOUS = 'vacuous: the source is UB on every execution (nothing to refine)';
/** A cut-point proof whose source has defined segments but none that ends the run: UB on
 *  every execution that returns or stops in a call (left: executions that never end). */
export const VACUOUS_ENDING = 'vacuous: the source is UB on every execution that returns or stops in a call (nothing to refine but executions that never end)';

export type Vacuity =
  | { kind: 'defined'; how: 'off' | 'folded' | 'witness' | 'repaired' | 'run' | 'solver' }
  | { kind: 'vacuous' }
  | { kind: 'undecided'; reason: string };

/** What the guard did, for measuring (a bench or a scratch script reads and resets it). */
export const vacuityStats = { checks: 0, folded: 0, witness: 0, repaired: 0, run: 0, solver: 0, vacuous: 0, undecided: 0, evalMs: 0, runMs: 0, repairMs: 0, solverMs: 0, asked: [] as string[] };

/** The solver's question gets at most this long (and at most the query time limit): it is
 *  asked only where no run or witness decided, and undecided leaves the proof as it was. */
const SOLVER_MS = 3000;

/** A concrete run of the source (MLIR -> MLIR): `pre`, the assumptions on inputs an input
 *  must meet to count (concrete-tests.ts `admissible`), and the run itself — true when the
 *  source returns or stops in a call without UB. */
export type ConcreteWitness = { pre: Term[]; ends: (m: Model) => boolean };

/** FIDELITY_NO_VACUITY=1 turns the guard off, to measure what it costs. */
const OFF = () => process.env.FIDELITY_NO_VACUITY === '1';
/** FIDELITY_NO_VACUITY_REPAIR=1: no repaired witness (vacuity-repair.ts), to measure it. */
const REPAIR_OFF = () => process.env.FIDELITY_NO_VACUITY_REPAIR === '1';

/** Whether some input satisfies every assumption of one of `sets` (one set per query the
 *  proof rests on, e.g. one per aliasing placement: the proof is vacuous only if each is).
 *  `witnesses` are candidate models, tried before the solver. */
export async function sourceDefinedSomewhere(
  f: TermFactory, sets: Term[][], witnesses: () => Model[], timeoutMs: number, name: string, concrete?: ConcreteWitness,
): Promise<Vacuity> {
  if (OFF()) return { kind: 'defined', how: 'off' };
  vacuityStats.checks++;
  const live = sets.filter((set) => !set.some((a) => a.kind === 'bool' && !a.value));
  if (live.length === 0) return count({ kind: 'vacuous' });
  if (live.some((set) => set.every((a) => a.kind === 'bool' && a.value))) return count({ kind: 'defined', how: 'folded' });
  const models = witnesses();
  const byEval = () => {
    const t0 = performance.now();
    const found = live.some((set) => { const all = f.and(...set); return models.some((m) => holdsOn(all, m)); });
    vacuityStats.evalMs += performance.now() - t0;
    return found;
  };
  const byRepair = () => {
    if (REPAIR_OFF() || !models.length) return false;
    const t3 = performance.now();
    const found = live.some((set) => {
      try {
        return holdsOn(f.and(...set), repairedWitness(set, models[0]!));
      } catch {
        return false; // a value the repair cannot build (an array of floats...): no witness
      }
    });
    vacuityStats.repairMs += performance.now() - t3;
    return found;
  };
  // a concrete run of the source on an input the query admits that ends without UB: a real
  // defined execution (the interpreter runs the same semantics as the symbolic side, so a
  // model bug that makes every execution UB shows here too; a cut-point query's header
  // states, which defaults rarely satisfy, play no part in it)
  const byRun = () => {
    if (!concrete) return false;
    const t2 = performance.now();
    const pre = f.and(...concrete.pre);
    const ran = models.some((m) => holdsOn(pre, m) && concrete.ends(m));
    vacuityStats.runMs += performance.now() - t2;
    return ran;
  };
  // the run first: it decides most checks (tv corpus: 1262 of the 1302 not folded, 2.7 s for
  // all runs), where evaluating the assumptions on the same inputs fails for nearly every
  // cut-point query (their header states) and cost 7 s when it came first
  if (byRun()) return count({ kind: 'defined', how: 'run' });
  if (byEval()) return count({ kind: 'defined', how: 'witness' });
  // the first witness with the assumptions' own plain facts made true (vacuity-repair.ts),
  // then evaluated exactly like any witness: the Core -> MLIR check's sets fail the defaults
  // on an argument slot fixed to a literal, blocks alive at a loop head, calls that return
  if (byRepair()) return count({ kind: 'defined', how: 'repaired' });
  const reasons: string[] = [];
  for (const [k, set] of live.entries()) {
    const t1 = performance.now();
    const r = await checkQuery(
      { assertions: [...set, f.true], wantModel: [], description: 'an execution where the source has no UB (is the proof vacuous?)' },
      { timeoutMs: Math.min(timeoutMs, SOLVER_MS), name: `${name}.vacuity${live.length > 1 ? k : ''}` },
    );
    vacuityStats.solverMs += performance.now() - t1;
    if (vacuityStats.asked.length < 1000) vacuityStats.asked.push(`${name}: ${r.status}${r.reason ? ` (${r.reason})` : ''} ${Math.round(performance.now() - t1)} ms`);
    if (r.status === 'sat') return count({ kind: 'defined', how: 'solver' });
    if (r.status !== 'unsat') reasons.push(r.reason ?? r.status);
  }
  return count(reasons.length ? { kind: 'undecided', reason: reasons[0]! } : { kind: 'vacuous' });
}

/** The assumptions (as one conjunction: shared terms evaluated once) true on the model; a
 *  term it cannot evaluate (division by zero has no fixed value...) makes no witness. */
function holdsOn(all: Term, m: Model): boolean {
  try {
    return evaluate(all, m, { complete: true }) === true;
  } catch {
    return false;
  }
}

function count(v: Vacuity): Vacuity {
  if (v.kind === 'defined') { if (v.how !== 'off') vacuityStats[v.how]++; }
  else vacuityStats[v.kind]++;
  return v;
}

/** Candidate witnesses of an MLIR pair's inputs: every variable at its default, then the
 *  concrete tests' first inputs (concrete-tests.ts: pointers at the start of 64-byte live,
 *  writable argument blocks; values 0, 1, small pseudo-random ones), and blocks of 4096 zero
 *  bytes (an arena's header read from its block: arena_queue `runFrame` allocates 96 bytes). */
export function mlirWitnesses(layout: ArgLayout, params: Type[]): Model[] {
  const big = layout.argBlocks.length ? [inputModel(layout, WITNESS_STYLES[0]!, 4096n, params)] : [];
  return [new Map(), ...WITNESS_STYLES.map((st) => inputModel(layout, st, 64n, params)), ...big];
}

const WITNESS_STYLES: Style[] = [
  { kind: 'const', name: '0', pick: () => 0n },
  { kind: 'const', name: '1', pick: () => 1n },
  { kind: 'random', small: true, seed: 1 },
];

