// The runtime's clef_zero_S calls in the target's trace (core-memory). core-to-mlir hands
// every fresh stack, arena and region view to clef_zero_S (compiler/codegen/memory.ts), and
// the MLIR semantics gives the call its effect — a fill with zero bytes — except when the
// fill has a symbolic length and lies in observable memory (a region block handed to
// clef_region_track, an arena parameter's bytes): then the call stays in the trace as an
// uninterpreted runtime call (semantics/mlir/ops.ts zeroFill). Core has no event for it: its
// fresh memory simply reads 0. So before each Core event (and at the end) the target's
// calls at the next positions may be zeroing calls, skipped here, each with
//   - the runtime's contract (trusted, runtime/clef_rt.c): it returns, frees nothing, and
//     afterwards the bytes [aligned + offset·es, + size·es) of the view's block read 0 and
//     every other byte reads as at the call (a frame, runtime.ts frameFacts: instances at
//     the addresses the query reads);
//   - the check a Clef call gets for the bytes nobody relates: every observable byte outside
//     the related and stack blocks is as the previous call left it (otherwise a write of the
//     target before the zeroing call would be carried through the frame unseen).
// The related blocks (argument blocks, statics) are compared at the Core events around it:
// the frame keeps their bytes. At most `maxRun` zeroing calls in a row are skipped; a
// longer run leaves a zeroing call where a Core event is expected — a mismatch that does not
// replay (unknown), never a wrong proof.
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import { callArrays, initialWord, type SideResult } from '../../semantics/mlir/symexec.ts';
import { BID_BITS } from '../../semantics/mlir/values.ts';
import { ZERO_FNS } from '../../../compiler/codegen/runtime-abi.ts';
import { expectedMemory } from './calls.ts';
import { otherBytesDiffer } from './memory.ts';
import type { Frame } from './runtime.ts';

export type ZeroCalls = { ids: { id: number; es: number }[]; maxRun: number };

/** The clef_zero_S functions the target called (from the pair's callee registry), and how
 *  many may come in a row: the zeroing call sites of the function, times the unrolling. */
export function zeroCallsOf(callees: Map<string, number>, fnText: string, unroll: number): ZeroCalls {
  const ids = [...callees].filter(([name]) => Object.prototype.hasOwnProperty.call(ZERO_FNS, name)).map(([name, id]) => ({ id, es: ZERO_FNS[name]! }));
  const sites = (fnText.match(/@clef_zero_/g) ?? []).length;
  return { ids, maxRun: Math.min(MAX_RUN, Math.max(1, sites * (unroll + 1))) };
}

const MAX_RUN = 12;

/** Skips the zeroing calls at positions n, n+1, ... (each one where the target's trace has
 *  one): the new position, the contract's assumptions and frames, the check. */
export function skipZeroCalls(
  F: TermFactory, T: SideResult['final'], z: ZeroCalls, pc: Term, n0: Term,
  m: { U0: Term; related: Term[]; stack: Term[]; at: number },
): { n: Term; assume: Term[]; bad: Term; frames: Frame[] } {
  const A = callArrays(F);
  const assume: Term[] = [];
  const bad: Term[] = [];
  const frames: Frame[] = [];
  let n = n0;
  // the position reached when every earlier call was a zeroing one: where the next may be
  let front = n0;
  const zeroIds = new Set(z.ids.map((x) => x.id));
  for (let k = 0; k < z.maxRun; k++) {
    if (!mayHold(T.tr.callee, front, zeroIds)) break;
    front = F.app('bvadd', [front, F.bv(1, 64)]);
    const callee = F.select(T.tr.callee, n);
    const word = (j: number) => F.select(T.tr.words[j] ?? initialWord(F), n);
    const here = F.and(pc, F.app('bvult', [n, T.calls]));
    for (const { id, es } of z.ids) {
      const is = F.and(here, F.eq(callee, F.bv(id, 32)));
      if (is.kind === 'bool' && !is.value) continue;
      // words: allocated (bid, off), aligned (bid, off), offset, size, stride (symexec.ts)
      const bid = F.extract(BID_BITS - 1, 0, word(2));
      const lo = F.app('bvadd', [word(3), F.app('bvmul', [word(4), F.bv(es, 64)])]);
      const hi = F.app('bvadd', [lo, F.app('bvmul', [word(5), F.bv(es, 64)])]);
      const snap = F.select(T.tr.snapU, n);
      frames.push({ pc: is, n, snap, keep: () => F.true, zero: { bid, lo, hi } });
      assume.push(F.implies(is, F.and(F.select(A.ret, n), F.eq(F.select(A.free, n), F.constArray(F.bv(0, BID_BITS).sort, F.false)))));
      bad.push(F.and(is, otherBytesDiffer(F, snap, expectedMemory(F, m.U0, n), m.related, m.stack, `w.core.zero${m.at}.${k}.addr`)));
    }
    const isZero = F.and(here, F.or(...z.ids.map(({ id }) => F.eq(callee, F.bv(id, 32)))));
    if (isZero.kind === 'bool' && !isZero.value) break;
    n = F.ite(isZero, F.app('bvadd', [n, F.bv(1, 64)]), n);
  }
  return { n, assume, bad: F.or(...bad), frames };
}

/** Whether the trace's callee array may hold one of `ids` at `at`: false only when its
 *  stores (through ites) at literal positions tell so. */
function mayHold(arr: Term, at: Term, ids: Set<number>): boolean {
  if (at.kind !== 'bv') return true;
  const seen = new Set<number>();
  const go = (a: Term): boolean => {
    if (seen.has(a.id)) return false;
    seen.add(a.id);
    if (a.kind === 'constArray') return a.value.kind !== 'bv' || ids.has(Number(a.value.value));
    if (a.kind === 'app' && a.op === 'ite') return go(a.args[1]!) || go(a.args[2]!);
    if (a.kind === 'app' && a.op === 'store') {
      const i = a.args[1]!;
      const v = a.args[2]!;
      if (i.kind !== 'bv') return true;
      if (i.value === at.value) return v.kind !== 'bv' || ids.has(Number(v.value));
      return go(a.args[0]!);
    }
    return true;
  };
  return go(arr);
}
