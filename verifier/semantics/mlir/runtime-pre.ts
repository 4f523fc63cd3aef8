// The runtime library's preconditions at the call site, once over the abstract domain: the
// interpreter checks them before any runtime call (its own models or a replay's oracle),
// the symbolic executor makes them UB conditions of the call. runtime/clef_rt.c reads the
// bytes aligned + offset .. + size of a string it prints, and writes at most `size` bytes of
// a buffer (Format.*: the count it returns; readln, argv: the line's or the argument's
// length, clamped); the bytes it touches lying outside one live block (or, for a buffer, in
// read-only memory) is undefined behaviour of the caller — exactly those bytes, no more (a
// stricter check made sources UB where native code is defined: review 18, runtime-env.ts).
// Without it an uninterpreted call could "write" past the end of a buffer one
// byte short, and nothing would notice (the llvm-malloc-size mutant).
import { RUNTIME, ZERO_FNS } from '../../../compiler/codegen/runtime-abi.ts';
import { STRING } from '../../../compiler/codegen/lower-types.ts';
import type { Ctx } from './context.ts';
import { smax, smin } from './domain.ts';
import { isRuntimeFn } from './runtime.ts';
import { flatten, OFF_BITS, Unsupported, type Val } from './values.ts';

/** Runtime functions that write their string argument (a buffer). */
const WRITES = new Set<string>(['clef_readln_copy', 'clef_fmt_i64', 'clef_fmt_u64', 'clef_fmt_f64', 'clef_fmt_f32', 'clef_fmt_char', 'clef_arg_copy']);
/** Runtime functions that neither read nor write the bytes of their string argument. */
const NO_ACCESS = new Set<string>(['clef_region_track']);
/** Writers whose result is the count of bytes they wrote (`put` in clef_rt.c: the text,
 *  clamped to the size word). The bytes past it are never touched: a size word larger than
 *  the block is no fault while the text fits (review 18: an fmt_i64 buffer of size word 32 over
 *  24 bytes was UB here, so a target differing there was proved; native source 53, target 7). */
const COUNTED = new Set<string>(['clef_fmt_i64', 'clef_fmt_u64', 'clef_fmt_f64', 'clef_fmt_f32', 'clef_fmt_char']);

/** The string arguments of a runtime call in the runtime's shape (aligned pointer, offset
 *  and size words of each memref<?xi8>); null when the arguments have another shape (left to
 *  the call itself). */
function stringArgs<V, B>(callee: keyof typeof RUNTIME, args: Val<V, B>[]): { aligned: Extract<Val<V, B>, { kind: 'ptr' }>; offset: Extract<Val<V, B>, { kind: 'int' }>; size: Extract<Val<V, B>, { kind: 'int' }> }[] | null {
  const params: readonly string[] = RUNTIME[callee].params;
  const flat = args.flatMap((a) => flatten(a));
  // a string is five slots, anything else one
  if (flat.length !== params.reduce((n, p) => n + (p === STRING ? 5 : 1), 0)) return null;
  const out = [];
  let k = 0;
  for (const p of params) {
    if (p !== STRING) {
      k++;
      continue;
    }
    const aligned = flat[k + 1]!;
    const offset = flat[k + 2]!;
    const size = flat[k + 3]!;
    k += 5;
    if (aligned.kind !== 'ptr' || offset.kind !== 'int' || size.kind !== 'int' || offset.w !== OFF_BITS || size.w !== OFF_BITS) continue;
    out.push({ aligned, offset, size });
  }
  return out;
}

export function runtimePreconditions<V, B>(ctx: Ctx<V, B>, callee: string, args: Val<V, B>[]): void {
  if (!isRuntimeFn(callee) || NO_ACCESS.has(callee)) return;
  const strings = stringArgs(callee, args) ?? [];
  if (callee === 'clef_str_compare' && strings.length === 2) {
    // memcmp of the common length, max(0, min(a_len, b_len)) bytes of each (clef_rt.c): the
    // rest of the longer one is never read (review 18: a size word 100 over an 8-byte block
    // compared with a 1-byte string was UB here; native source -1, a target differing there 7)
    const D = ctx.D;
    const [a, b] = strings as [(typeof strings)[0], (typeof strings)[0]];
    const what = `@${callee}: its string argument (precondition of the runtime)`;
    ctx.ub(D.orB(a.offset.poison, a.size.poison, b.offset.poison, b.size.poison), `${what} has a poison offset or size`);
    const n = smax(D, smin(D, a.size.v, b.size.v, OFF_BITS), D.lit(0n, OFF_BITS), OFF_BITS);
    for (const s of [a, b]) ctx.mem.accessible({ ...s.aligned, off: D.add(s.aligned.off, s.offset.v, OFF_BITS) }, n, false, what);
    return;
  }
  // the copy calls write max(0, min(len, size)) bytes, len the line's or the argument's
  // length: an input the context knows (runtime-env.ts; without it, the whole size word)
  const copies = Object.prototype.hasOwnProperty.call(LENGTH_CALL, callee);
  const len = copies ? ctx.copyLength?.(callee, args) : undefined;
  for (const { aligned, offset, size } of strings) {
    const what = `@${callee}: its string argument (precondition of the runtime)`;
    ctx.ub(ctx.D.orB(offset.poison, size.poison), `${what} has a poison offset or size`);
    if (COUNTED.has(callee)) {
      // `put` clamps the text (never empty) to a negative size word as (size_t)size: a memcpy
      // of 2^63 bytes or more (a Core -> MLIR target passing size -1 was proved; native: the
      // line printed empty; scratch/runtime-gap/FINDINGS.md G2)
      ctx.ub(ctx.D.slt(size.v, ctx.D.lit(0n, OFF_BITS), OFF_BITS), `${what}: a negative size word (the runtime copies (size_t)size bytes)`);
      continue; // runtimePostconditions: the bytes it reports
    }
    const data = { ...aligned, off: ctx.D.add(aligned.off, offset.v, OFF_BITS) };
    // (a buffer Clef allocates has the length as its size word, the same term: the whole buffer)
    // A string printed with a negative size word: write(2) gets (size_t)size > SSIZE_MAX and
    // fails (EINVAL), nothing is read and the program goes on (asan/w3.c): no bytes.
    const D = ctx.D;
    const neg = D.slt(size.v, D.lit(0n, OFF_BITS), OFF_BITS);
    const printed = copies || D.knownB(neg) === false ? size.v : D.ite(neg, D.lit(0n, OFF_BITS), size.v, OFF_BITS);
    const n = len === undefined ? printed : len === size.v ? size.v : smax(D, smin(D, len, size.v, OFF_BITS), D.lit(0n, OFF_BITS), OFF_BITS);
    ctx.mem.accessible(data, n, WRITES.has(callee), copies && len !== undefined ? `${what}: the bytes it copies` : what);
  }
}

/** After a COUNTED writer returned n: its buffer's first n bytes must be writable (what
 *  `put` wrote). n is the call's result, the same on both sides of a matched call. */
export function runtimePostconditions<V, B>(ctx: Ctx<V, B>, callee: string, args: Val<V, B>[], results: Val<V, B>[]): void {
  if (!COUNTED.has(callee)) return;
  const n = results[0];
  const bufs = stringArgs(callee as keyof typeof RUNTIME, args);
  if (!bufs || bufs.length !== 1 || !n || n.kind !== 'int' || n.w !== OFF_BITS) throw new Unsupported(`@${callee}: argument or result shapes do not match`);
  const { aligned, offset } = bufs[0]!;
  ctx.mem.accessible({ ...aligned, off: ctx.D.add(aligned.off, offset.v, OFF_BITS) }, n.v, true, `@${callee}: the bytes it wrote (its count)`);
}

// ---- undef (begin): undef engineer
/** The copy calls and the call that reports how many bytes they copy. runtime/clef_rt.c:
 *  `clef_readln_copy` copies min(line_len, size) bytes of the line the last
 *  `clef_readln_len` read (and returned), `clef_arg_copy(i, buf)` min(clef_arg_len(i), size)
 *  bytes of argument i; neither writes anything else (no zero fill, no terminator). */
export const LENGTH_CALL: Readonly<Record<string, string>> = { clef_readln_copy: 'clef_readln_len', clef_arg_copy: 'clef_arg_len' };

/** The buffers a runtime call surely writes, as (pointer, byte count): for the copy calls
 *  (LENGTH_CALL) the prefix of min(reported, size) bytes, where `reported` is the result of
 *  the length call made right before it (symexec.ts; unknown: nothing is surely written);
 *  for `clef_fmt_*` the prefix of the length it returns (`put` in clef_rt.c).
 *  The target side's tracking of unwritten bytes clears these after the call (symexec.ts);
 *  the bytes of anything else a call can reach may stay unwritten. */
export function runtimeBufferWrites<V, B>(ctx: Ctx<V, B>, callee: string, args: Val<V, B>[], results: Val<V, B>[], reported?: V): { p: Extract<Val<V, B>, { kind: 'ptr' }>; n: V }[] {
  if (Object.prototype.hasOwnProperty.call(ZERO_FNS, callee)) {
    // clef_zero_S(m) left a call (a symbolic-length clear of observable memory, ops.ts
    // zeroFill): it writes size * sizeof(S) bytes at aligned + offset * sizeof(S)
    const [, aligned, off, size] = args.flatMap((a) => flatten(a));
    if (!aligned || aligned.kind !== 'ptr' || !off || off.kind !== 'int' || !size || size.kind !== 'int') return [];
    const es = ctx.D.lit(BigInt(ZERO_FNS[callee as keyof typeof ZERO_FNS]!), OFF_BITS);
    // (a negative size writes nothing, ops.ts zeroFill; callWrote clears the marks of a range
    // only where it is a whole block of that very size, whose allocation was of this count)
    if (ctx.D.knownB(ctx.D.slt(size.v, ctx.D.lit(0n, OFF_BITS), OFF_BITS)) === true) return [];
    return [{ p: { ...aligned, off: ctx.D.add(aligned.off, ctx.D.mul(off.v, es, OFF_BITS), OFF_BITS) }, n: ctx.D.mul(size.v, es, OFF_BITS) }];
  }
  if (!isRuntimeFn(callee) || !WRITES.has(callee)) return [];
  const strings = stringArgs(callee, args);
  if (strings === null) return [];
  const D = ctx.D;
  const res = results[0];
  const copies = Object.prototype.hasOwnProperty.call(LENGTH_CALL, callee);
  if (copies && reported === undefined) return [];
  const count = (size: V): V | undefined => {
    if (!copies) return res && res.kind === 'int' && res.w === OFF_BITS ? res.v : undefined;
    // the buffer Clef allocates has the reported length as its size word (same term): the
    // whole buffer (the length calls never report a negative length: getline, strlen)
    if (reported === size) return size;
    return smax(D, smin(D, reported!, size, OFF_BITS), D.lit(0n, OFF_BITS), OFF_BITS);
  };
  return strings.flatMap(({ aligned, offset, size }) => {
    const n = count(size.v);
    return n === undefined ? [] : [{ p: { ...aligned, off: D.add(aligned.off, offset.v, OFF_BITS) }, n }];
  });
}
// ---- undef (end)
