// The runtime's state that its copy calls read (runtime/clef_rt.c): `clef_readln_copy(buf)`
// copies max(0, min(line_len, size)) bytes, line_len being what the last `clef_readln_len`
// returned; `clef_arg_copy(i, buf)` max(0, min(clef_arg_len(i), size)) bytes. Those lengths
// are inputs from the environment, so the copy's precondition (runtime-pre.ts) is on them,
// not on the whole size word: a size word past its block is no fault while the line fits (a
// source doing so was UB for every size word above the block, and a target differing there
// was proved; scratch/runtime-gap/FINDINGS.md G1, probe-runtime-copies.test.ts).
//
// Both sides read the same lengths where their calls so far are the same (the refinement
// compares the calls one by one: callee, argument words and their poison, by position):
// the state at function entry is one input of both sides, and each call changes it by what
// is shared too — clef_readln_len sets line_len to its result (the call's result unknown),
// clef_arg_len(i) tells argument i's length (its result), another runtime call changes
// neither, and a call of anything else (an external function, which may read a line itself,
// or a function of the module) leaves unknowns indexed by its position. So the state is a
// function of the trace, and two sides with the same calls have the same state (also at a
// cut point's header, whose state is an unknown of the loop shared like its call count: the
// relation there compares the calls). Symbolic here; replay.ts plays the same steps on a
// model (RtEnvRun).
import { opAttr, walk, type Block } from '../../../compiler/mlir/ir.ts';
import type { TermFactory } from '../../smt/factory.ts';
import { arraySort, bvSort, type Term } from '../../smt/term.ts';
import { isRuntimeFn } from './runtime.ts';

/** line: line_len; args: argument index -> its length (an array). */
export type RtEnv = { line: Term; args: Term };

const W = bvSort(64);
const ARGS = arraySort(W, W);

/** The names of the unknowns: the state at entry, after a call of anything but the runtime
 *  (by the call's position), at a cut point's header (by the loop's number), and the index
 *  length of a copy whose argument index is poison (by position). */
export const RT_ENV = {
  line0: 'rt.line',
  args0: 'rt.args',
  lineAfter: 'call.rtline',
  argsAfter: 'call.rtargs',
  poisonIndex: 'call.rtpoisonlen',
} as const;

export function initialRtEnv(f: TermFactory): RtEnv {
  return { line: f.var(RT_ENV.line0, W), args: f.var(RT_ENV.args0, ARGS) };
}

/** The state at loop j's header in any iteration (cut-point mode). */
export function havocRtEnv(f: TermFactory, j: number): RtEnv {
  return { line: f.var(`cp.${j}.rt.line`, W), args: f.var(`cp.${j}.rt.args`, ARGS) };
}

/** Which parts of the state no iteration of a loop body can change (a havoc state keeps the
 *  arrival's there, exactly): line_len unless it calls clef_readln_len, the argument lengths
 *  unless it calls clef_arg_len (it only tells a length, but the term changes), neither when
 *  it calls anything but the runtime (cf.assert's calls end the path: no matter). */
export function rtKeptByLoop(body: Block[]): { line: boolean; args: boolean } {
  let line = true;
  let args = true;
  for (const o of walk(body.flatMap((b) => b.ops))) {
    if (o.name !== 'func.call' && o.name !== 'llvm.call' && o.name !== 'func.call_indirect') continue;
    const c = opAttr(o, 'callee');
    const name = c && c.kind === 'symbolRef' ? c.root : null;
    if (name === null || !isRuntimeFn(name)) return { line: false, args: false };
    if (name === 'clef_readln_len') line = false;
    if (name === 'clef_arg_len') args = false;
  }
  return { line, args };
}

/** The state after call n of `name` (its trace identity) with first argument word `i` (its
 *  value and poison as the trace records them) and first result `res`. */
export function rtEnvAfter(f: TermFactory, env: RtEnv, name: string, n: Term, i: { v: Term; p: Term } | undefined, res: Term | undefined): RtEnv {
  if (!isRuntimeFn(name)) return { line: f.select(f.var(RT_ENV.lineAfter, arraySort(W, W)), n), args: f.select(f.var(RT_ENV.argsAfter, arraySort(W, ARGS)), n) };
  if (name === 'clef_readln_len' && res) return { ...env, line: res };
  if (name === 'clef_arg_len' && res && i) {
    // a poison index tells nothing (what the runtime got is no value of the model)
    const p = i.p;
    if (p.kind === 'bool' && p.value) return env;
    const told = f.store(env.args, i.v, res);
    return { ...env, args: p.kind === 'bool' ? told : f.ite(p, env.args, told) };
  }
  return env;
}

/** What copy call n reads: the line's length, or argument i's (a poison index: an unknown of
 *  the call). A length just stored for the same index is read back as it is. */
export function rtCopyLength(f: TermFactory, env: RtEnv, callee: string, n: Term, i: { v: Term; p: Term } | undefined): Term | undefined {
  if (callee === 'clef_readln_copy') return env.line;
  if (callee !== 'clef_arg_copy' || !i) return undefined;
  const a = env.args;
  const told = a.kind === 'app' && a.op === 'store' && a.args[1]!.id === i.v.id ? a.args[2]! : f.select(a, i.v);
  // a negative index has no argument: clef_arg_len says 0 (an index past argc is an input:
  // the model does not know argc)
  const neg = i.v.kind === 'bv' ? f.bool(BigInt.asIntN(64, i.v.value) < 0n) : f.app('bvslt', [i.v, f.bv(0, 64)]);
  const len = neg.kind === 'bool' ? (neg.value ? f.bv(0, 64) : told) : f.ite(neg, f.bv(0, 64), told);
  const p = i.p;
  if (p.kind === 'bool') return p.value ? f.select(f.var(RT_ENV.poisonIndex, arraySort(W, W)), n) : len;
  return f.ite(p, f.select(f.var(RT_ENV.poisonIndex, arraySort(W, W)), n), len);
}

/** A model's values of those unknowns (replay.ts reads them from the solver's model). */
export type RtModel = {
  line0(): bigint;
  args0(i: bigint): bigint;
  lineAfter(n: number): bigint;
  argsAfter(n: number, i: bigint): bigint;
  poisonIndex(n: number): bigint;
};

/** The same state in a concrete run on a model: the replay's calls step it as the symbolic
 *  run's do, so a copy's precondition asks the very bytes it asked there. */
export class RtEnvRun {
  private line: bigint;
  private args: (i: bigint) => bigint;
  private readonly told = new Map<bigint, bigint>();

  constructor(private readonly m: RtModel) {
    this.line = m.line0();
    this.args = (i) => m.args0(i);
  }

  /** Call n of `name` returned `res` (its first result word); `i`: its first argument word. */
  after(name: string, n: number, i: { v: bigint; p: boolean } | undefined, res: bigint | undefined): void {
    if (!isRuntimeFn(name)) {
      this.line = this.m.lineAfter(n);
      this.args = (k) => this.m.argsAfter(n, k);
      this.told.clear();
    } else if (name === 'clef_readln_len' && res !== undefined) this.line = BigInt.asUintN(64, res);
    else if (name === 'clef_arg_len' && res !== undefined && i && !i.p) this.told.set(BigInt.asUintN(64, i.v), BigInt.asUintN(64, res));
  }

  /** What copy call n reads (as rtCopyLength). */
  copyLength(callee: string, n: number, i: { v: bigint; p: boolean } | undefined): bigint | undefined {
    if (callee === 'clef_readln_copy') return this.line;
    if (callee !== 'clef_arg_copy' || !i) return undefined;
    if (i.p) return this.m.poisonIndex(n);
    const k = BigInt.asUintN(64, i.v);
    if (BigInt.asIntN(64, k) < 0n) return 0n;
    return this.told.get(k) ?? this.args(k);
  }
}
