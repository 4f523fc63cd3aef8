// The runtime correspondence: Core's runtime events (verifier/semantics/symbolic/strings.ts
// RT_EVENTS) and the target's calls of the runtime library (compiler/codegen/runtime-abi.ts),
// which the MLIR semantics leaves uninterpreted (the n-th call: callee, argument words, the
// observable memory; its results and the memory after it are unknowns indexed by n). The
// runtime itself is trusted (README.md: its contract, one line per function). Each Core
// event at trace position n must meet, at n (and n+1), the call(s) core-to-mlir emits for
// it, with corresponding arguments — the same value words, strings with the same length and
// bytes; the results of the runtime (a formatted text, a line of input, a command-line
// argument, a comparison's sign) are the target's unknowns, which Core's placeholder
// variables are replaced by (a substitution, so both sides read the very same terms).
import type { TermFactory } from '../../smt/factory.ts';
import { walk } from '../../smt/smtlib.ts';
import { bvSort, type Term } from '../../smt/term.ts';
import { BID_BITS } from '../../semantics/mlir/values.ts';
import type { CallRecord } from '../../semantics/symbolic/context.ts';
import type { SymBlock } from '../../semantics/mlir/symbolic-memory.ts';
import { callArrays, initialWord, initialWordPoison, type SideResult } from '../../semantics/mlir/symexec.ts';
import { FORMAT_BUFFER } from '../../../compiler/codegen/runtime-abi.ts';
import { byteAt, contentsOf, type RtEvent, type StrV } from '../../semantics/symbolic/strings.ts';
import type { SV } from '../../semantics/symbolic/values.ts';
import { stringDiffers, wordBid, type TgtStr } from './strings.ts';
import { snapPoison } from './memory.ts';
import { NotMapped } from './unmapped.ts';
import { QueryTooLarge } from './too-large.ts';
import { formatContract } from './format-contract.ts';
import { mayBeEqual, orderAllows, positionValues, type CallOrder } from './frame-positions.ts';

export type RtContext = {
  F: TermFactory;
  T: SideResult['final'];
  consts: SymBlock[];
  calleeId: (name: string) => number;
  /** Core placeholder variable id -> the target's term. */
  subst: Map<number, Term>;
  /** Buffer-writing calls (frameFacts). */
  frames: Frame[];
  /** The caller's string blocks (frames are instantiated for them only). */
  strBlocks: Term[];
};

export type RtLink = {
  /** Positions the event takes in the target's trace. */
  width: number;
  /** Some argument or callee differs (under the event's path condition). */
  bad: Term;
  /** Assumptions (implied by the event's path condition): the runtime's contract. */
  assume: Term[];
  /** The observable memory after the event. */
  after: Term;
};

/** The runtime functions each event is, in order. */
export const EVENT_CALLS: Record<RtEvent, string[]> = {
  'rt:write': ['clef_write'],
  'rt:writeln': ['clef_writeln'],
  'rt:readln': ['clef_readln_len', 'clef_readln_copy'],
  'rt:fmt_i64': ['clef_fmt_i64'],
  'rt:fmt_u64': ['clef_fmt_u64'],
  'rt:fmt_f64': ['clef_fmt_f64'],
  'rt:fmt_f32': ['clef_fmt_f32'],
  'rt:fmt_char': ['clef_fmt_char'],
  'rt:compare': ['clef_str_compare'],
  'rt:arg': ['clef_arg_len', 'clef_arg_copy'],
};

export function linkRuntimeEvent(cx: RtContext, c: CallRecord, ci: number, n: Term): RtLink {
  const { F, T } = cx;
  const A = callArrays(F);
  const ev = c.callee as RtEvent;
  const names = EVENT_CALLS[ev];
  const pos = names.map((_, k) => (k === 0 ? n : F.app('bvadd', [n, F.bv(k, 64)])));
  const word = (k: number, m: Term) => F.select(T.tr.words[k] ?? initialWord(F), m);
  const wpoison = (k: number, m: Term) => F.select(T.tr.wpoison[k] ?? initialWordPoison(F), m);
  const snap = (m: Term) => F.select(T.tr.snapU, m);
  const havoc = (m: Term) => F.select(A.havoc, m);
  const res0 = (m: Term) => F.select(A.res(0), m);
  /** The string whose descriptor starts at word k of call m. */
  const str = (k: number, m: Term): TgtStr => ({
    bid: wordBid(F, word(k + 2, m)),
    start: F.app('bvadd', [word(k + 3, m), word(k + 4, m)]),
    size: word(k + 5, m),
    poison: F.or(wpoison(k + 2, m), wpoison(k + 3, m), wpoison(k + 4, m), wpoison(k + 5, m)),
  });
  const bad: Term[] = names.map((name, k) => F.or(F.not(F.app('bvult', [pos[k]!, T.calls])), F.not(F.eq(F.select(T.tr.callee, pos[k]!), F.bv(cx.calleeId(name), 32)))));
  // the runtime returns, and frees nothing (regions are not mapped)
  const assume: Term[] = pos.flatMap((m) => [F.select(A.ret, m), F.eq(F.select(A.free, m), F.constArray(bvSort(BID_BITS), F.false))]);
  const sameWord = (k: number, m: Term, t: Term) => bad.push(F.or(wpoison(k, m), F.not(F.eq(word(k, m), t))));
  const strArg = (k: number, m: Term, s: SV, name: string) => bad.push(stringDiffers(F, cx.consts, snap(m), str(k, m), s as StrV, name, snapPoison(F, T.tr.snapUP, m)));
  // the runtime writes nothing but the buffers it is handed: after a call that has none,
  // the observable memory is what it was
  const unchanged = (m: Term) => assume.push(F.eq(havoc(m), snap(m)));
  /** Core's placeholder result string becomes the bytes the runtime wrote into the buffer
   *  whose descriptor starts at word k of call m, with length `len`. */
  const resultString = (r: SV, len: Term, k: number, m: Term) => {
    const s = r as StrV;
    if (s.bytes?.kind !== 'mem' || s.bytes.U.kind !== 'var' || s.bytes.bid.kind !== 'var' || s.bytes.base.kind !== 'var') throw new NotMapped(`the result of ${ev} (no placeholder contents)`);
    const d = str(k, m);
    cx.subst.set(s.bytes.U.id, havoc(m));
    cx.subst.set(s.bytes.bid.id, d.bid);
    cx.subst.set(s.bytes.base.id, d.start);
    // the runtime changes only the buffer's block; what matters of that is the caller's
    // strings (the related blocks are agreed on after every call: query.ts)
    if (cx.strBlocks.length) cx.frames.push({ pc: c.pc, n: m, snap: snap(m), keep: (bid) => F.and(F.or(...cx.strBlocks.map((b) => F.eq(bid, b))), F.not(F.eq(bid, d.bid))), writes: [d.bid] }); // writes: reviewer, session 8
    if (s.len.kind === 'var') cx.subst.set(s.len.id, len);
    else assume.push(F.eq(s.len, len));
  };
  const tag = `w.core.rt${ci}`;
  switch (ev) {
    case 'rt:write':
    case 'rt:writeln':
      strArg(0, n, c.args[0]!, `${tag}.s`);
      unchanged(n);
      break;
    case 'rt:readln': {
      const m = pos[1]!;
      unchanged(n);
      // the copy gets a buffer of the length the first call returned
      bad.push(F.or(wpoison(5, m), F.not(F.eq(word(5, m), res0(n)))));
      resultString(c.result, res0(n), 0, m);
      break;
    }
    case 'rt:fmt_i64':
    case 'rt:fmt_u64':
    case 'rt:fmt_f64':
    case 'rt:fmt_f32':
    case 'rt:fmt_char': {
      sameWord(0, n, valueWord(F, c.args[0]!));
      // a buffer of at least FORMAT_BUFFER bytes (the runtime's precondition); the runtime
      // writes at most the buffer's size and returns the count
      bad.push(F.or(wpoison(6, n), F.app('bvult', [word(6, n), F.bv(FORMAT_BUFFER, 64)])));
      assume.push(F.app('bvule', [res0(n), word(6, n)]));
      resultString(c.result, res0(n), 1, n);
      // the text itself where the contract fixes it (a character's
      // UTF-8 bytes, an integer's 1-20 digits: format-contract.ts), stated of Core's operand,
      // so only where the runtime got that very word and a buffer its precondition holds for
      // (otherwise the call mismatches above, and what the runtime wrote is left unknown:
      // every real run satisfies what is assumed)
      const arg = c.args[0]!;
      if (arg.k === 'int') {
        const bufOk = F.and(F.not(wpoison(6, n)), F.app('bvule', [F.bv(FORMAT_BUFFER, 64), word(6, n)]), F.not(wpoison(0, n)), F.eq(word(0, n), valueWord(F, arg)));
        const text = contentsOf(c.result as StrV);
        assume.push(...formatContract(F, ev, arg.t, res0(n), (i) => byteAt(F, text, F.bv(i, 64))).map((a) => F.implies(bufOk, a)));
      }
      break;
    }
    case 'rt:compare': {
      strArg(0, n, c.args[0]!, `${tag}.a`);
      strArg(7, n, c.args[1]!, `${tag}.b`);
      unchanged(n);
      const r = c.result;
      if (r.k !== 'int' || r.t.kind !== 'var') throw new NotMapped('a string comparison without a placeholder result');
      cx.subst.set(r.t.id, res0(n));
      // the contract: 0 exactly for equal strings (of Core's texts: the target's are the
      // same, or the call mismatches)
      assume.push(...equalIffZero(F, c.args[0] as StrV, c.args[1] as StrV, res0(n), `${tag}.ne`));
      break;
    }
    case 'rt:arg': {
      const m = pos[1]!;
      const idx = (c.args[0] as SV & { k: 'int' }).t;
      sameWord(0, n, idx);
      sameWord(0, m, idx);
      unchanged(n);
      const s = c.result as StrV;
      // Core's element length is the cell's: the runtime's answer for that index
      assume.push(F.eq(s.len, res0(n)));
      bad.push(F.or(wpoison(6, m), F.not(F.eq(word(6, m), s.len))));
      resultString(s, s.len, 1, m);
      break;
    }
  }
  return { width: names.length, bad: F.or(...bad), assume: assume.map((a) => F.implies(c.pc, a)), after: havoc(pos[pos.length - 1]!) };
}

/** `clef_str_compare`'s answer r is 0 exactly when the strings are equal. Against a
 *  literal of L bytes that is exact and quantifier-free (the length is L and L bytes
 *  agree); between two unknown strings, r = 0 gives equal lengths, and r <> 0 with equal
 *  lengths a differing byte (a fresh witness `name`: an existential among the assumptions). */
function equalIffZero(F: TermFactory, a: StrV, b: StrV, r: Term, name: string): Term[] {
  const zero = F.eq(r, F.bv(0, 64));
  const litOf = (v: StrV) => (v.lit !== null ? v.lit : v.bytes?.kind === 'lit' ? v.bytes.text : null);
  const la = litOf(a);
  const lb = litOf(b);
  if (la !== null && lb !== null) return [F.eq(zero, F.bool(la === lb))];
  if (la !== null || lb !== null) {
    const [lit, s] = la !== null ? [la, b] : [lb!, a];
    const bytes = new TextEncoder().encode(lit);
    const same = F.and(F.eq(s.len, F.bv(bytes.length, 64)), ...Array.from(bytes, (x, i) => F.eq(byteAt(F, contentsOf(s), F.bv(i, 64)), F.bv(x, 8))));
    return [F.eq(zero, same)];
  }
  const w = F.var(name, bvSort(64));
  const sameLen = F.eq(a.len, b.len);
  const differ = F.and(F.app('bvult', [w, a.len]), F.not(F.eq(byteAt(F, contentsOf(a), w), byteAt(F, contentsOf(b), w))));
  return [F.implies(zero, sameLen), F.implies(F.and(F.not(zero), sameLen), differ)];
}

/** The call word of a Format.* operand: an integer extended by its signedness (as
 *  core-to-mlir's intToI64), a float's bits, a char zero-extended. */
function valueWord(F: TermFactory, v: SV): Term {
  if (v.k === 'int') {
    const w = v.w;
    if (w === 'math') throw new NotMapped('a mathematical integer formatted');
    return w.bits === 64 ? v.t : w.signed ? F.sext(64 - w.bits, v.t) : F.zext(64 - w.bits, v.t);
  }
  if (v.k === 'float') return F.zext(64 - v.bits, v.t);
  throw new NotMapped(`formatting a ${v.k}`);
}

/** A call after which the observable memory is the memory at it (`snap`) at every address
 *  whose block satisfies `keep`: a runtime call that writes a buffer keeps every other
 *  block (the runtime's contract); a Clef call keeps the caller's string blocks
 *  (string-calls.ts clefCallFrame). `n` is the call's position in the target's trace. */
export type Frame = {
  pc: Term; n: Term; snap: Term; keep: (bid: Term) => Term;
  // the runtime's clef_zero_S when the target's symbolic semantics
  // kept it as a call (a fill of a symbolic length into observable memory): the bytes
  // [lo, hi) of block `bid` read 0 after it, every other byte as at the call (calls.ts)
  zero?: { bid: Term; lo: Term; hi: Term };
  // kept only at the addresses where this holds (a callee handed an
  // arena keeps its bytes below the used count unless it reset it: arena-calls.ts)
  keepAt?: (addr: Term) => Term;
  // the Core event and which of its positions (frame-positions.ts
  // callOrder); absent for the target's own calls (zeroing)
  at?: { event: number; k: number; w: number };
  // the blocks the call may write (the runtime's buffer, the memory a
  // Clef callee is handed): never kept by what calls.ts adds to `keep` for every call (the
  // string buffers of a Core loop's earlier iterations) — a target that formats into an
  // earlier iteration's string was proved (probe-string-loop-frames.test.ts)
  writes?: Term[];
};

/** Instances of the frames at every address the terms read from a memory built on the
 *  memory after some call (`call.havoc[x]`, through stores and ites): for a frame at n, if
 *  x = n and the block is kept, the byte is the one at the call. Quantifier-free; fewer
 *  instances could only add models (which must replay). Iterated, since an instance reads
 *  the memory at the call, itself perhaps built on an earlier call's. */
const OTHER_BYTES = /^w\.core\.(call\d+\.)?addr$/;
/** Rounds of frame instances (each reaches one call further back); was 8. */
const MAX_FRAME_ROUNDS = Number(process.env.FIDELITY_FRAME_ROUNDS ?? 1024);

export function frameFacts(F: TermFactory, frames: Frame[], roots: Term[], limit = Infinity, order?: CallOrder): Term[] { // limit: speed engineer; order: calls engineer
  if (!frames.length) return [];
  const H = callArrays(F).havoc;
  const isHavoc = (x: Term) => x.kind === 'app' && x.op === 'select' && x.args[0]!.id === H.id;
  const bases = (x: Term, out: Term[] = [], seen = new Set<number>()): Term[] => {
    if (seen.has(x.id)) return out;
    seen.add(x.id);
    if (isHavoc(x)) out.push(x);
    else if (x.kind === 'app' && x.op === 'store') bases(x.args[0]!, out, seen);
    else if (x.kind === 'app' && x.op === 'ite') {
      bases(x.args[1]!, out, seen);
      bases(x.args[2]!, out, seen);
    }
    return out;
  };
  const out: Term[] = [];
  const positions = positionValues();
  // frames of one call with one path condition and snapshot (a
  // runtime event's result buffer and the related blocks around it, a Clef call's strings
  // and arenas) become one fact per address, kept where any of them keeps the byte — the
  // same implications, once
  const groups = new Map<string, Frame[]>();
  frames.forEach((fr, fi) => {
    const key = fr.zero ? `z${fi}` : `${fr.pc.id}:${fr.n.id}:${fr.snap.id}:${fr.at ? `${fr.at.event}.${fr.at.k}` : ''}`;
    const g = groups.get(key);
    if (g) g.push(fr);
    else groups.set(key, [fr]);
  });
  const kept = (fr: Frame, addr: Term) => F.and(fr.keep(F.extract(95, 64, addr)), ...(fr.keepAt ? [fr.keepAt(addr)] : [])); // keepAt: core-calls engineer
  const merged = [...groups.values()].map((g) => ({ ...g[0]!, keeps: (addr: Term) => F.or(...g.map((fr) => kept(fr, addr))) }));
  const done = new Set<string>();
  let todo = roots;
  // until no instance is new (`done` keys them: finitely many; `limit` bounds them): a read
  // after the m-th call reaches the entry memory through m frames. Eight rounds left the
  // reads after the ninth call of a chain unrelated to the memory before it (a main printing
  // a static's running sum 14 times: spurious models from the 9th line on, "counterexample
  // did not replay"; cut-unreached.test.ts)
  let full = false;
  for (let round = 0; todo.length && round < MAX_FRAME_ROUNDS && !full; round++) {
    const next: Term[] = [];
    walk(todo, (t) => {
      if (full || t.kind !== 'app' || t.op !== 'select') return;
      const arr = t.args[0]!;
      if (arr.sort.kind !== 'array' || arr.sort.elem.kind !== 'bv' || arr.sort.elem.width !== 8 || arr.sort.index.kind !== 'bv' || arr.sort.index.width !== 96) return;
      const addr = t.args[1]!;
      // the witnesses of "every other byte is as it was" (query.ts, calls.ts) read the same
      // memory after the same call on both sides: no frame needed there
      if (addr.kind === 'var' && OTHER_BYTES.test(addr.name)) return;
      for (const h of bases(arr)) {
        const x = (h as Term & { kind: 'app' }).args[1]!;
        for (const [fi, fr] of merged.entries()) {
          // the havoc of another call: positions with no value in common (literals, and
          // ites and sums of them: frame-positions.ts) are never equal, the fact is void
          if (!mayBeEqual(positions, x, fr.n)) continue;
          // the memory after another Core event, read only where it happens (callOrder)
          if (!orderAllows(order, fr.at, fr.n, x)) continue;
          // per frame: two frames may share the call and its snapshot (the two events of an
          // if/else at one position, positions.ts) under different path conditions
          const key = `${fi}:${h.id}:${addr.id}`;
          if (done.has(key)) continue;
          done.add(key);
          const same = x.id === fr.n.id ? F.true : F.eq(x, fr.n);
          const when = F.and(fr.pc, same, fr.keeps(addr));
          if (when.kind === 'bool' && !when.value) continue;
          // core-memory engineer: a zeroing call's range reads 0
          const z = fr.zero;
          const was = z
            ? F.ite(F.and(F.eq(F.extract(95, 64, addr), z.bid), F.app('bvule', [z.lo, F.extract(63, 0, addr)]), F.app('bvult', [F.extract(63, 0, addr), z.hi])), F.bv(0, 8), F.select(fr.snap, addr))
            : F.select(fr.snap, addr);
          const fact = F.implies(when, F.eq(F.select(h, addr), was));
          out.push(fact);
          // instances grow with calls x addresses read (too-large.ts)
          // (past the first 8 rounds, which were all there was before, the instances so far
          // are kept instead: fewer instances only add models, which must replay)
          if (out.length > limit) {
            if (round < 8) throw new QueryTooLarge(`over ${limit} call-frame facts (${frames.length} frames)`);
            out.pop();
            full = true;
            return;
          }
          next.push(fact);
        }
      }
    });
    todo = next;
  }
  return out;
}
