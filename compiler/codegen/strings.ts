// Strings (memref<?xi8>, the length is the dim): literals are constant globals; every
// string made at run time (concatenation, Format.*, Console.readln) is a fresh
// memref.alloc that is never freed — Clef v1 has no string ownership, so native code
// leaks them, as a garbage-collected runtime would hold them until exit.
import type { Span } from '../syntax/ast.ts';
import { constIndex, emit, inRegion, joinMarker, op, type FnState, type V } from './emitter.ts';
import { STRING } from './lower-types.ts';
import { stringGlobal, useRuntime } from './module-state.ts';

/** A string literal: its constant global, seen as memref<?xi8>. */
export function stringLiteral(f: FnState, text: string): V {
  const g = stringGlobal(f.mod, text);
  const fixed = `memref<${g.length}xi8>`;
  const v = op(f, fixed, `memref.get_global ${g.symbol} : ${fixed}`, 'str');
  return op(f, STRING, `memref.cast ${v.ssa} : ${fixed} to ${STRING}`, 'str');
}

export function stringLength(f: FnState, s: V): V {
  return op(f, 'index', `memref.dim ${s.ssa}, ${constIndex(f, 0).ssa} : ${s.ty}`, 'len');
}

/** A fresh heap string of `n` (index) bytes. */
export function allocString(f: FnState, n: V): V {
  return op(f, STRING, `memref.alloc(${n.ssa}) : ${STRING}`, 'buf');
}

/** dst[dstAt + i] = src[srcAt + i] for i < n, as an scf.for (clang turns it into memcpy).
 *  Works for any memref types with the same element type. */
export function copyLoop(f: FnState, src: V, srcAt: V, dst: V, dstAt: V, n: V, elem: string): void {
  const i = `%i_${f.next++}`;
  emit(f, `scf.for ${i} = ${constIndex(f, 0).ssa} to ${n.ssa} step ${constIndex(f, 1).ssa} {`);
  inRegion(f, () => {
    const s = op(f, 'index', `arith.addi ${srcAt.ssa}, ${i} : index`);
    const x = op(f, elem, `memref.load ${src.ssa}[${s.ssa}] : ${src.ty}`);
    const d = op(f, 'index', `arith.addi ${dstAt.ssa}, ${i} : index`);
    emit(f, `memref.store ${x.ssa}, ${dst.ssa}[${d.ssa}] : ${dst.ty}`);
    joinMarker(f);
  });
  emit(f, '}');
}

/** a + b: a new string holding both. */
export function concat(f: FnState, a: V, b: V): V {
  const la = stringLength(f, a);
  const lb = stringLength(f, b);
  const n = op(f, 'index', `arith.addi ${la.ssa}, ${lb.ssa} : index`);
  const r = allocString(f, n);
  const zero = constIndex(f, 0);
  copyLoop(f, a, zero, r, zero, la, 'i8');
  copyLoop(f, b, zero, r, la, lb, 'i8');
  return r;
}

/** Bytewise comparison of two strings: an i64 that is <0, 0 or >0. */
export function compareStrings(f: FnState, a: V, b: V): V {
  const fn = useRuntime(f.mod, 'clef_str_compare');
  return op(f, 'i64', `func.call ${fn}(${a.ssa}, ${b.ssa}) : (${STRING}, ${STRING}) -> i64`, 'cmp');
}

/** The first `len` (i64) bytes of `buf`, as a string of exactly that length. */
export function prefixString(f: FnState, buf: V, len: V): V {
  const n = op(f, 'index', `arith.index_cast ${len.ssa} : i64 to index`);
  return op(f, STRING, `memref.reinterpret_cast ${buf.ssa} to offset: [0], sizes: [${n.ssa}], strides: [1] : ${STRING} to ${STRING}`, 'str');
}

/** Stops the program as the interpreter does: `runtime error: <category> at FILE:L:C:
 *  <what>` on stderr, exit code 70. */
export function trap(f: FnState, category: string, span: Span, what: string): void {
  const msg = stringLiteral(f, `runtime error: ${category} at ${span.file}:${span.line}:${span.col}: ${what}`);
  emit(f, `func.call ${useRuntime(f.mod, 'clef_trap')}(${msg.ssa}) : (${STRING}) -> ()`);
}

/** `if cond then trap` */
export function trapIf(f: FnState, cond: V, category: string, span: Span, what: string): void {
  emit(f, `scf.if ${cond.ssa} {`);
  inRegion(f, () => trap(f, category, span, what));
  emit(f, '}');
}

/** A Format.* call into a fresh buffer; returns the string it wrote. */
export function formatCall(f: FnState, fn: Parameters<typeof useRuntime>[1], arg: V, bufBytes: number): V {
  const buf = allocString(f, constIndex(f, bufBytes));
  const len = op(f, 'i64', `func.call ${useRuntime(f.mod, fn)}(${arg.ssa}, ${buf.ssa}) : (${arg.ty}, ${STRING}) -> i64`, 'len');
  return prefixString(f, buf, len);
}

export function boolText(f: FnState, b: V): V {
  const t = stringLiteral(f, 'true');
  const e = stringLiteral(f, 'false');
  return op(f, STRING, `arith.select ${b.ssa}, ${t.ssa}, ${e.ssa} : ${STRING}`, 'str');
}

/** Console.readln: the length of the next line, a buffer of that size, the copy. */
export function readLine(f: FnState): V {
  const len = op(f, 'i64', `func.call ${useRuntime(f.mod, 'clef_readln_len')}() : () -> i64`, 'len');
  const n = op(f, 'index', `arith.index_cast ${len.ssa} : i64 to index`);
  const buf = allocString(f, n);
  emit(f, `func.call ${useRuntime(f.mod, 'clef_readln_copy')}(${buf.ssa}) : (${STRING}) -> ()`);
  return buf;
}

/** Element `i` (i64) of the command line (a Span<string> is a window on it). */
export function argString(f: FnState, i: V): V {
  const len = op(f, 'i64', `func.call ${useRuntime(f.mod, 'clef_arg_len')}(${i.ssa}) : (i64) -> i64`, 'len');
  const n = op(f, 'index', `arith.index_cast ${len.ssa} : i64 to index`);
  const buf = allocString(f, n);
  emit(f, `func.call ${useRuntime(f.mod, 'clef_arg_copy')}(${i.ssa}, ${buf.ssa}) : (i64, ${STRING}) -> ()`);
  return buf;
}
