// Concrete tests: when the solver did not decide a refinement query (a timeout, or a bounded
// verdict that the cut-point proof could not lift), both sides are run on the concrete
// interpreter on a handful of chosen inputs — edge values (0, 1, -1, MIN, MAX) and small
// pseudo-random ones for the arguments, what external calls return and write, the initial
// memory. Each input is a *model* in the solver's own vocabulary (the variables of pair.ts
// and symexec.ts), so the run is exactly replay.ts's replay of a counterexample, and a
// difference it shows is reported in the same record as a solver-found refutation.
//
// Soundness: an input is used only when it satisfies every assumption the refinement query
// makes about inputs (argument pointers into their blocks, static memref fields, callee
// results of their declared types: `pre`), evaluated on the model; the replay itself checks
// that the source runs without UB. So a difference is a real behaviour of the pair under the
// refinement definition (external functions may behave in any way, this is one). Testing
// never proves anything: when no input shows a difference, the verdict stays what it was.
import { evaluate, type ArrayModel, type Model, type ModelValue } from '../smt/model.ts';
import type { Term } from '../smt/term.ts';
import { opAttr, walk, type Type } from '../../compiler/mlir/ir.ts';
import { ARG_BASE } from '../semantics/mlir/memory.ts';
import type { FuncInfo, ModuleInfo } from '../semantics/mlir/module-info.ts';
import { OFF_BITS, slotsOf } from '../semantics/mlir/values.ts';
import { staticLayout } from '../semantics/mlir/ops-memref.ts';
import { layoutOf } from '../semantics/mlir/layout.ts';
import type { ArgLayout, PairEnv } from './pair.ts';
import { replayCounterexample } from './replay.ts';
import type { Counterexample, ValidateOptions } from './verdict.ts';

/** How an input's values are chosen: one style for every argument slot. */
export type Style =
  | { kind: 'const'; pick: (w: number) => bigint; name: string }
  | { kind: 'random'; small: boolean; seed: number; /** full-width values -(c * r): negative multiples of c */ negMultipleOf?: bigint };

const mask = (w: number) => (1n << BigInt(w)) - 1n;
const STYLES: Style[] = [
  { kind: 'const', name: '0', pick: () => 0n },
  { kind: 'const', name: '1', pick: () => 1n },
  { kind: 'const', name: '-1', pick: (w) => mask(w) },
  { kind: 'random', small: true, seed: 1 },
  { kind: 'const', name: 'MAX', pick: (w) => (w === 1 ? 1n : mask(w - 1)) },
  { kind: 'const', name: 'MIN', pick: (w) => (w === 1 ? 0n : 1n << BigInt(w - 1)) },
  { kind: 'random', small: true, seed: 2 },
  { kind: 'random', small: false, seed: 3 },
  { kind: 'random', small: true, seed: 4 },
  { kind: 'random', small: false, seed: 5 },
];

/** After the inputs above, while time is left: more full-width pseudo-random values, and
 *  negative multiples of the pair's constants — where signed and unsigned division and
 *  remainder by such a constant part ways (`n remsi 10` is 0 where `n remui 10` is 6), in a
 *  value a loop may only reach the end of after many iterations (beyond any bound k). */
export function extraStyles(fns: FuncInfo[], perConstant = 6, randoms = 8): Style[] {
  const cs = [...integerConstants(fns)].filter((c) => c > 1n).slice(0, 3);
  const out: Style[] = [];
  for (let k = 0; k < Math.max(perConstant, randoms); k++) {
    for (const c of cs) if (k < perConstant) out.push({ kind: 'random', small: false, seed: 100 + 17 * k + Number(c % 1000n), negMultipleOf: c });
    if (k < randoms) out.push({ kind: 'random', small: false, seed: 50 + k });
  }
  return out;
}

/** A small deterministic generator (xorshift32), so a test's inputs are reproducible. */
function rng(seed: number): () => number {
  let x = (seed * 2654435761) >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

const arr = (dflt: ModelValue, entries: [ModelValue, ModelValue][] = []): ArrayModel => ({ kind: 'array', default: dflt, entries });

/** The integer constants of both functions beyond -1..1, each as itself and +-1 (a loop
 *  bound or a special case `i == 100` is met by an argument of about its value), at most
 *  `max` styles. */
export function constantStyles(fns: FuncInfo[], max = 6): Style[] {
  const seen = integerConstants(fns);
  const out: Style[] = [];
  for (const c of [...seen].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)))
    for (const d of [1n, 0n, -1n]) out.push({ kind: 'const', name: String(c + d), pick: (w) => (c + d) & mask(w) });
  // spread the picks over the constants when there are many
  if (out.length <= max) return out;
  return Array.from({ length: max }, (_, i) => out[Math.floor((i * out.length) / max)]!);
}

/** The integer constants of the functions beyond -1..1, in text order. */
function integerConstants(fns: FuncInfo[]): Set<bigint> {
  const seen = new Set<bigint>();
  for (const fn of fns)
    for (const b of fn.body?.blocks ?? [])
      for (const op of walk(b.ops)) {
        if (op.name !== 'arith.constant' && op.name !== 'llvm.mlir.constant') continue;
        const a = opAttr(op, 'value');
        if (a?.kind === 'int' && (a.value > 1n || a.value < -1n)) seen.add(a.value);
      }
  return seen;
}

/** The model of one input: every variable a replay reads. Argument blocks are alive, not
 *  freeable, `blockSize` bytes; every pointer argument points to the start of its own block;
 *  external calls return (with the style's values) and leave observable memory as the
 *  style's bytes; initial memory is the style's bytes. */
export function inputModel(layout: ArgLayout, style: Style, blockSize = 64n, params: Type[] = []): Model {
  const m: Model = new Map();
  const next = style.kind === 'random' ? rng(style.seed) : () => 0;
  const value = (w: number): bigint => {
    if (style.kind === 'const') return style.pick(w);
    // small values stay in a range loop bounds and indices can use (0..15, sometimes negative)
    if (style.small) {
      const r = BigInt(next() % 16);
      return next() % 5 === 0 ? (-r & mask(w)) : r & mask(w);
    }
    let v = 0n;
    for (let i = 0; i < w; i += 32) v = (v << 32n) | BigInt(next());
    v &= mask(w);
    const c = style.negMultipleOf;
    if (c === undefined || c >= 1n << BigInt(w - 1)) return v;
    const m = v & mask(w - 1); // below 2^(w-1): -(m - m % c) is a multiple of c as a signed value
    return -(m - (m % c)) & mask(w);
  };
  const byte = (): bigint => (style.kind === 'const' ? style.pick(8) : BigInt(next() & 0xff));
  let j = 0;
  layout.values.forEach((x, i) => {
    m.set(`arg.${i}.poison`, false);
    if (x.kind === 'ptr') {
      m.set(`arg.${i}.bid`, BigInt(ARG_BASE + j));
      m.set(`arg.${i}.off`, 0n);
      j++;
    } else m.set(`arg.${i}`, value(x.w));
  });
  // a memref argument's descriptor: its static fields (the query assumes them), a dynamic
  // offset 0, strides 1 and sizes small enough to stay inside the argument block
  let at = 0;
  for (const pt of params) {
    const n = slotsOf(pt).length;
    if (pt.kind === 'memref') {
      const lay = staticLayout(pt);
      const r = pt.shape.length;
      const put = (k: number, v: bigint) => m.set(`arg.${at + k}`, v & mask(64));
      put(2, lay.offset ?? 0n);
      pt.shape.forEach((d, k) => {
        const v = m.get(`arg.${at + 3 + k}`) as bigint;
        put(3 + k, d !== null ? BigInt(d) : v <= 8n ? v : 4n);
      });
      lay.strides.forEach((st, k) => put(3 + r + k, st ?? 1n));
    }
    at += n;
  }
  for (let k = 0; k < layout.argBlocks.length; k++) {
    m.set(`argblk.${k}.size`, blockSize);
    m.set(`argblk.${k}.alive`, true);
    m.set(`argblk.${k}.freeable`, false);
    m.set(`argblk.${k}.writable`, true);
  }
  // initial observable memory: the argument blocks' bytes listed, the rest the default byte
  const addr = (bid: number, off: bigint) => (BigInt(bid) << BigInt(OFF_BITS)) | off;
  const initial: [ModelValue, ModelValue][] = [];
  if (style.kind === 'random')
    for (let k = 0; k < layout.argBlocks.length; k++) for (let o = 0n; o < blockSize; o++) initial.push([addr(ARG_BASE + k, o), byte()]);
  const dflt = style.kind === 'const' ? byte() : 0n;
  m.set('mem.U0', arr(dflt, initial));
  m.set('mem.fresh', arr(arr(0n)));
  // external calls: they return, with the style's results for the first calls
  const calls = 32;
  m.set('call.ret', arr(true));
  for (let r = 0; r < 4; r++) {
    const entries: [ModelValue, ModelValue][] = [];
    if (style.kind === 'random') for (let n = 0; n < calls; n++) entries.push([BigInt(n), value(64)]);
    m.set(`call.res.${r}`, arr(style.kind === 'const' ? style.pick(64) : 0n, entries));
  }
  m.set('call.havoc', arr(arr(dflt)));
  m.set('call.free', arr(arr(false, []), []));
  m.set('call.extsize', arr(blockSize));
  return m;
}

/** Does the input satisfy every assumption the query makes about inputs? (A term that cannot
 *  be evaluated counts as not satisfied.) */
function admissible(pre: Term[], model: Model): boolean {
  try {
    return pre.every((t) => evaluate(t, model, { complete: true }) === true);
  } catch {
    return false;
  }
}

export type ConcreteResult =
  | { kind: 'refuted'; cex: Counterexample; input: string }
  | { kind: 'none'; tried: number; inadmissible: number; ms: number };

/** Runs the pair on the inputs of STYLES (at most `budgetMs` of wall time, each run at most
 *  `maxSteps` interpreter steps); the first replayed difference refutes. */
export function concreteRefutation(
  si: ModuleInfo, ti: ModuleInfo, s: FuncInfo, t: FuncInfo, pair: PairEnv, layout: ArgLayout, pre: Term[], opts: ValidateOptions,
  budgetMs = opts.concreteBudget?.ms ?? 3000, maxSteps = 200_000,
): ConcreteResult {
  const t0 = performance.now();
  // a deterministic budget next to the wall-time one — the sum of the
  // step caps handed to the inputs (what each may use, not what it used), so a test can pin
  // how many inputs run whatever the machine's load (ValidateOptions.concreteBudget).
  // Caps, not steps used: tried, steps used bound the work badly. An
  // input's cost is not its steps: model building, the admissibility check, the replay's set-up
  // and re-runs, and the lasso check's state comparisons at loop headers are not steps. With
  // steps used, the 400 000-step budget of tests/verifier/tv/pairs.test.ts let every cheap
  // input run (cut_if_alloc_late_size alone ran for over a minute) and the file went from 26 s CPU to
  // over 6.5 min before it was stopped. A cap is a cost charged up front per input, which is
  // what the budget is for: a bound on the number of inputs that does not depend on the load.
  const stepBudget = opts.concreteBudget?.steps ?? Infinity;
  let handedOut = 0;
  let tried = 0;
  let inadmissible = 0;
  // a run that hits the step limit (a target that runs on where the source returned) ate a
  // share of the time: after one, the later inputs get a 40th of the steps each
  let capped = 0;
  // the cheap edge values first, then the pair's own constants, then MIN/MAX (loops bounded
  // by them run into the step limit) and the random ones
  for (const style of [...STYLES.slice(0, 4), ...constantStyles([s, t]), ...STYLES.slice(4), ...extraStyles([s, t])]) {
    if (performance.now() - t0 > budgetMs) break;
    for (const blockSize of blockSizes(s.params)) {
      const model = inputModel(layout, style, blockSize, s.params);
      if (!admissible(pre, model)) {
        inadmissible++;
        continue;
      }
      tried++;
      // lasso: a target that comes back to a loop header in an earlier state runs forever
      // (unless the lasso check is turned off)
      const steps = Math.min(capped >= 1 ? Math.max(1000, Math.floor(maxSteps / 40)) : maxSteps, stepBudget - handedOut);
      if (steps <= 0) return { kind: 'none', tried: tried - 1, inadmissible, ms: Math.round(performance.now() - t0) }; // soundness reviewer: step budget spent
      handedOut += steps;
      const rep = replayCounterexample(si, ti, s, t, pair, layout, model, opts, opts.lasso !== false, { steps, deadline: t0 + budgetMs });
      if (rep.kind === 'refuted') return { kind: 'refuted', cex: rep.cex, input: styleName(style, blockSize) };
      if (/more than \d+ steps/.test(rep.why)) capped++;
      if (layout.argBlocks.length === 0) break; // the block size changes nothing
    }
  }
  return { kind: 'none', tried, inadmissible, ms: Math.round(performance.now() - t0) };
}

/** The sizes of the argument blocks tried: 64 and 16 bytes, and first the bytes of the
 *  largest memref argument of static shape when more (a `memref<8x8xi64>` of 512: in blocks
 *  of 64 every input read past its block, which made the source's run UB, and the constant
 *  inputs fill every byte alike, so a nested loop reading `m[j][i]` for `m[i][j]` was never
 *  refuted by a test; review 25). */
export function blockSizes(params: Type[]): bigint[] {
  let need = 0;
  for (const pt of params) {
    if (pt.kind !== 'memref' || pt.shape.some((d) => d === null)) continue;
    const n = pt.shape.reduce<number>((a, d) => a * (d as number), 1);
    let el: number;
    try {
      el = layoutOf(pt.element).size;
    } catch {
      continue; // an element type without a memory layout: nothing to size
    }
    need = Math.max(need, n * el);
  }
  return need > 64 && need <= MAX_BLOCK ? [BigInt(need), 64n, 16n] : [64n, 16n];
}
/** Argument blocks larger than this are not tried (each byte is listed in the model). */
const MAX_BLOCK = 4096;

function styleName(s: Style, blockSize: bigint): string {
  const what = s.kind === 'const'
    ? `every argument, call result and byte ${s.name}`
    : s.negMultipleOf !== undefined ? `pseudo-random negative multiples of ${s.negMultipleOf} (seed ${s.seed})` : `${s.small ? 'small ' : ''}pseudo-random values (seed ${s.seed})`;
  return `${what}, argument blocks of ${blockSize} bytes`;
}
