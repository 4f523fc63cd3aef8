// Calls of Clef functions that take or return strings (or a Span<string>): the operands'
// call words and the results, by the string correspondence (strings.ts). A string operand
// is a memref<?xi8> in the call record — seven words: allocated pointer (block, offset),
// aligned pointer (block, offset), offset, size, stride; the size must be Core's length and
// the bytes the callee can read (the observable memory at the call, or a constant global)
// Core's bytes. A string result is the callee's memref: Core's fresh result string (length
// and contents variables) becomes the target's result words and the memory after the call.
import type { CoreProgram } from '../../../compiler/core/core.ts';
import type { Type } from '../../../compiler/types/types.ts';
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';
import type { CallRecord } from '../../semantics/symbolic/context.ts';
import type { SymBlock } from '../../semantics/mlir/symbolic-memory.ts';
import { callArrays, initialWord, initialWordPoison, type SideResult } from '../../semantics/mlir/symexec.ts';
import { unknownContents, type StrV } from '../../semantics/symbolic/strings.ts';
import { coreParts, partWords, placed, stringDiffers, wordBid, type Place, type TgtStr } from './strings.ts';
import { snapPoison } from './memory.ts';
import { EXT_BASE } from '../../semantics/mlir/memory.ts';
import type { Frame } from './runtime.ts';
import { opAttr, walk } from '../../../compiler/mlir/ir.ts';
import type { ModuleInfo } from '../../semantics/mlir/module-info.ts';
import { BID_BITS } from '../../semantics/mlir/values.ts';
import { NotMapped } from './unmapped.ts';

/** `handed` receives the descriptors of the string operands (a result string may lie in them). */
type WordCtx = { consts: SymBlock[]; T: SideResult['final']; n: Term; at: number; extra: Term[]; name: string; handed?: TgtStr[] };

/** The expected words of one operand (guards: where a word is compared); string bytes go
 *  into `extra` as mismatches. */
export function stringCallWords(F: TermFactory, prog: CoreProgram, ty: Type, v: CallRecord['args'][number], cx: WordCtx): { t: Term; guard: Term }[] {
  const { T, n } = cx;
  const word = (k: number) => F.select(T.tr.words[k] ?? initialWord(F), n);
  const wpoison = (k: number) => F.select(T.tr.wpoison[k] ?? initialWordPoison(F), n);
  const out: { t: Term; guard: Term }[] = [];
  coreParts(F, prog.types, ty, v).forEach((p, pi) => {
    const k = cx.at + out.length;
    switch (p.kind) {
      case 'scalar': {
        const s = p.slot;
        out.push({ t: s.w === 64 ? s.t : F.zext(64 - s.w, s.t), guard: s.guard });
        return;
      }
      case 'argv':
        out.push({ t: p.off, guard: p.guard }, { t: p.len, guard: p.guard });
        return;
      case 'str': {
        const d = { bid: wordBid(F, word(k + 2)), start: F.app('bvadd', [word(k + 3), word(k + 4)]), size: word(k + 5), poison: F.or(wpoison(k + 2), wpoison(k + 3), wpoison(k + 4), wpoison(k + 5)) };
        cx.handed?.push(d);
        cx.extra.push(F.and(p.guard, stringDiffers(F, cx.consts, F.select(T.tr.snapU, n), d, p.v, `${cx.name}.s${pi}`, snapPoison(F, T.tr.snapUP, n))));
        // the words themselves are compared through `extra`
        for (let j = 0; j < partWords(p); j++) out.push({ t: F.bv(0, 64), guard: F.false });
        return;
      }
    }
  });
  return out;
}

/** A callee's result holding strings: scalars are the result words (assumed), a string is
 *  the callee's memref — Core's fresh length and contents variables become its size word and
 *  its bytes in the memory after the call, seen as the target reads it (literalView: the
 *  literals the callee may return read as their own bytes); it lies where a Clef function's result string
 *  lies (strings.ts `placed`, which the callee's own check proves): in the block the call
 *  allocated (the MLIR semantics' block EXT_BASE + n of size call.extsize[n]), a constant
 *  global `consts`, or inside one of the strings `handed` to the callee. */
export function stringCallResult(F: TermFactory, prog: CoreProgram, ty: Type, c: CallRecord, n: Term, subst: Map<number, Term>, assume: Term[], consts: SymBlock[] = [], handed: TgtStr[] = [], literals: SymBlock[] = []): void {
  const A = callArrays(F);
  const res = (j: number) => F.select(A.res(j), n);
  let j = 0;
  for (const p of coreParts(F, prog.types, ty, c.result)) {
    switch (p.kind) {
      case 'scalar': {
        const s = p.slot;
        const r = res(j++);
        assume.push(F.implies(c.pc, F.eq(s.t, s.w === 64 ? r : F.extract(s.w - 1, 0, r))));
        break;
      }
      case 'argv':
        throw new NotMapped('a Span<string> returned by a call');
      case 'str': {
        const s: StrV = p.v;
        if (s.len.kind !== 'var' || s.bytes) throw new NotMapped('a call result string that is not fresh');
        const u = unknownContents(F, s.len);
        subst.set(s.len.id, res(j + 5));
        subst.set(u.U.id, literalView(F, F.select(A.havoc, n), literals));
        subst.set(u.bid.id, wordBid(F, res(j + 2)));
        subst.set(u.base.id, F.app('bvadd', [res(j + 3), res(j + 4)]));
        const d: TgtStr = { bid: wordBid(F, res(j + 2)), start: F.app('bvadd', [res(j + 3), res(j + 4)]), size: res(j + 5), poison: F.false };
        // a value of its declared type memref<?xi8>: offset 0, stride 1 (as the MLIR
        // semantics assumes of every call result's static layout)
        assume.push(F.implies(c.pc, F.and(F.eq(res(j + 4), F.bv(0, 64)), F.eq(res(j + 6), F.bv(1, 64)), placed(F, d, callPlaces(F, n, consts, handed)))));
        j += 7;
        break;
      }
    }
  }
}

/** Where the result string of the call at trace position `n` may lie (`placed`). */
function callPlaces(F: TermFactory, n: Term, consts: SymBlock[], handed: TgtStr[]): Place[] {
  const A = callArrays(F);
  const zero = F.bv(0, 64);
  return [
    { bid: F.app('bvadd', [F.bv(EXT_BASE, BID_BITS), F.extract(BID_BITS - 1, 0, n)]), lo: zero, hi: F.select(A.extSize, n), alive: F.true },
    ...consts.map((g) => ({ bid: g.bid, lo: zero, hi: g.size, alive: F.true })),
    ...handed.map((h) => ({ bid: h.bid, lo: h.start, hi: F.app('bvadd', [h.start, h.size]), alive: F.true })),
  ];
}

/** What a Clef call leaves as it was: the caller's string blocks (`strings`: the heap
 *  buffers it allocated, the blocks earlier calls returned, its string parameters' blocks),
 *  except the blocks of the spans and pointers it hands the callee (`handedMemory`) and the
 *  block this call returns. The callee's own check proves it: a Clef function writes only
 *  its own allocations, the blocks of its span and pointer parameters and the statics; every
 *  other byte it must leave as it found it (or as its own callees left it — the same
 *  guarantee, by induction over the call tree), and a string parameter's block is no
 *  span's. Strings are immutable in Clef: core-to-mlir writes a string buffer only while
 *  filling it, before the string exists for anyone else. null: nothing to keep. */
export function clefCallFrame(F: TermFactory, pc: Term, n: Term, snap: Term, strings: Term[], handedMemory: Term[]): Frame | null {
  if (!strings.length) return null;
  const ext = F.app('bvadd', [F.bv(EXT_BASE, BID_BITS), F.extract(BID_BITS - 1, 0, n)]);
  return {
    pc,
    n,
    snap,
    keep: (bid) => F.and(F.or(...strings.map((s) => F.eq(bid, s))), ...handedMemory.map((m) => F.not(F.eq(bid, m))), F.not(F.eq(bid, ext))),
    writes: [...handedMemory, ext], // reviewer, session 8 (runtime.ts Frame)
  };
}

/** The memory after a call as a reader of the callee's result string sees it: the
 *  constant globals the callee may return (`literals`) hold their own bytes — the target
 *  reads a constant global from its initializer, never from the observable memory U, whose
 *  bytes at a constant global's addresses mean nothing. Core's contents of the result are
 *  read through this view, so a returned literal has the same bytes on both sides. */
export function literalView(F: TermFactory, U: Term, literals: SymBlock[]): Term {
  let out = U;
  for (const g of literals) {
    if (!g.lit) continue;
    g.lit.forEach((b, i) => (out = F.store(out, F.app('concat', [g.bid, F.bv(i, 64)]), F.bv(b, 8))));
  }
  return out;
}

/** The names of the constant globals a function may return a view of: those it or the
 *  Clef functions it calls (transitively) name. */
export function globalsReachable(info: ModuleInfo, fn: string): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const body = info.funcs.get(name)?.body;
    if (!body) return;
    for (const b of body.blocks)
      for (const op of walk(b.ops)) {
        const a = opAttr(op, op.name === 'func.call' ? 'callee' : 'name');
        if (!a || a.kind !== 'symbolRef') continue;
        if (op.name === 'memref.get_global') out.add(a.root);
        else if (op.name === 'func.call' && a.root.startsWith('clef.')) visit(a.root);
      }
  };
  visit(fn);
  return out;
}
