// Replay with strings (replay.ts): the texts a model gives Core's strings — string
// parameters (the bytes of their argument blocks), the command line (what the runtime
// answered for each element Core read) and standard input (the lines Console.readln
// returned, in order) — and the comparison of results holding strings. Both interpreters
// then run on the same concrete input, so any difference they show is real.
import type { CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import type { Type, TypeTable } from '../../../compiler/types/types.ts';
import { evaluate, type Model } from '../../smt/model.ts';
import type { Term } from '../../smt/term.ts';
import { substitute } from '../../semantics/symbolic/subst.ts';
import { byteAt, contentsOf, type StrV } from '../../semantics/symbolic/strings.ts';
import { casePayloadTypes, recordFields } from '../../semantics/symbolic/values.ts';
import type { SpanV, Value } from '../../semantics/values.ts';
import type { ConcreteMemory } from '../../semantics/mlir/concrete-memory.ts';
import { Unsupported, type Scalar } from '../../semantics/mlir/values.ts';
import { floatBits } from '../../semantics/symbolic/domain.ts';
import type { CoreQuery } from './query.ts';
import { REPLAY_LIMIT } from './replay-limits.ts';

const dec = new TextDecoder('utf-8', { fatal: true });
const MAX_TEXT = 4096n;

/** A term's value under the model, through the query's substitution of Core's variables. */
function evaluator(q: CoreQuery, model: Model): (t: Term) => bigint | boolean {
  const F = q.pair.env.f;
  return (t) => {
    const v = evaluate(substitute(F, t, q.subst), model, { complete: true });
    if (typeof v === 'object') throw new Unsupported('replay: an array where a value was expected');
    return v;
  };
}

/** The text of a Core string under the model (its bytes must be UTF-8). */
export function stringText(q: CoreQuery, model: Model, v: StrV): string {
  if (v.lit !== null) return v.lit;
  const F = q.pair.env.f;
  const ev = evaluator(q, model);
  const len = ev(v.len) as bigint;
  if (len < 0n) throw new Unsupported(`replay: a string of ${len} bytes`);
  if (len > MAX_TEXT) throw new Unsupported(`${REPLAY_LIMIT}a string of ${len} bytes (more than ${MAX_TEXT} are not replayed)`); // gaps engineer: replay-limits.ts
  const c = contentsOf(v);
  const bytes = new Uint8Array(Number(len));
  for (let k = 0; k < bytes.length; k++) bytes[k] = Number(ev(byteAt(F, c, F.bv(k, 64))) as bigint);
  try {
    return dec.decode(bytes);
  } catch {
    throw new Unsupported('replay: the model gives a string bytes that are not UTF-8');
  }
}

export type StringInputs = { stdin: string; argv: string[] | null };

/** Puts the model's texts into Core's concrete arguments (string parameters, the command
 *  line's cells) and returns standard input and the command line for the MLIR run. */
export function stringInputs(q: CoreQuery, model: Model, fn: CoreFn, args: Value[]): StringInputs {
  const ev = evaluator(q, model);
  fn.params.forEach((p, i) => {
    const v = q.core.params[i]!.value;
    if (p.ty.kind === 'string' && v.k === 'str') args[i] = stringText(q, model, v);
  });
  let argv: string[] | null = null;
  const spans = fn.params.map((p, i) => (p.ty.kind === 'span' && p.ty.elem.kind === 'string' ? (args[i] as SpanV) : null)).filter((s): s is SpanV => !!s);
  if (spans.length) {
    const block = spans[0]!.block;
    if (spans.some((s) => s.block !== block)) throw new Unsupported('replay: two command lines');
    // elements Core does not read get texts of their own, of lengths no element Core read
    // has, so that a target reading another element shows it (in a length, at least)
    const read = new Map<number, string>();
    for (const c of q.core.calls) {
      if (c.callee !== 'rt:arg' || ev(c.pc) !== true) continue;
      const idx = Number(BigInt.asIntN(64, ev((c.args[0] as { t: Term }).t) as bigint));
      if (idx >= 0 && idx < block.size) read.set(idx, stringText(q, model, c.result as StrV));
    }
    const taken = new Set([...read.values()].map((t) => new TextEncoder().encode(t).length));
    for (let k = 0; k < block.size; k++) {
      let n = `#${k}`.length + (k % 5);
      while (taken.has(n)) n++;
      block.cells.set(k, read.get(k) ?? `#${k}`.padEnd(n, '.'));
    }
    argv = Array.from({ length: block.size }, (_, k) => block.cells.get(k) as string);
  }
  const lines: string[] = [];
  for (const c of q.core.calls) if (c.callee === 'rt:readln' && ev(c.pc) === true) lines.push(stringText(q, model, c.result as StrV));
  return { stdin: lines.map((l) => `${l}\n`).join(''), argv };
}

/** A result part, concretely: a scalar's bits or a string's text (null: not compared). */
export type ConcretePart = { kind: 'scalar'; v: bigint | null } | { kind: 'str'; s: string | null };

/** Core's concrete value of type `ty` as parts (strings whole, scalars as replay.ts's). */
export function coreConcreteParts(types: TypeTable, ty: Type, v: Value, active = true, out: ConcretePart[] = []): ConcretePart[] {
  switch (ty.kind) {
    case 'string':
      out.push({ kind: 'str', s: active ? (v as string) : null });
      return out;
    case 'int':
      out.push({ kind: 'scalar', v: active ? BigInt.asUintN(ty.bits, v as bigint) : null });
      return out;
    case 'char':
      out.push({ kind: 'scalar', v: active ? BigInt.asUintN(32, v as bigint) : null });
      return out;
    case 'bool':
      out.push({ kind: 'scalar', v: active ? (v ? 1n : 0n) : null });
      return out;
    case 'float':
      out.push({ kind: 'scalar', v: active ? floatBits(v as number, ty.bits) : null });
      return out;
    case 'unit':
      return out;
    case 'tuple':
    case 'record':
      recordFields(types, ty).forEach((f, i) => coreConcreteParts(types, f, active ? (v as Value[])[i]! : null, active, out));
      return out;
    case 'union': {
      const c = v as { tag: number; payload: Value[] } | null;
      out.push({ kind: 'scalar', v: active && c ? BigInt(c.tag) : null });
      casePayloadTypes(types, ty).forEach((p, j) => {
        const on = active && c !== null && c.tag === j;
        p.forEach((f, i) => coreConcreteParts(types, f, on ? c!.payload[i]! : null, on, out));
      });
      return out;
    }
    default:
      throw new Unsupported(`replay of a ${ty.kind} value`);
  }
}

/** The first difference between Core's result parts and the MLIR's result scalars (a
 *  string part is five scalars: its bytes are read from the MLIR memory), or null. */
export function resultDifference(parts: ConcretePart[], rets: Scalar<bigint, boolean>[], memory: ConcreteMemory): string | null {
  let i = 0;
  for (const [k, p] of parts.entries()) {
    if (p.kind === 'scalar') {
      const r = rets[i++];
      if (p.v === null) continue;
      const got = !r || r.kind === 'ptr' || r.poison ? null : r.v;
      if (got === null) return `result part ${k}: Core ${p.v}, MLIR poison or missing`;
      if (got !== p.v) return `result part ${k}: Core ${p.v}, MLIR ${got}`;
      continue;
    }
    const [, aligned, offset, size] = rets.slice(i, i + 4);
    i += 5;
    if (p.s === null) continue;
    if (!aligned || aligned.kind !== 'ptr' || !offset || offset.kind !== 'int' || !size || size.kind !== 'int' || aligned.poison || offset.poison || size.poison) return `result part ${k}: Core ${JSON.stringify(p.s)}, MLIR no string`;
    let text: string;
    try {
      const bytes = size.v > 0n ? memory.bytesAt({ ...aligned, off: aligned.off + offset.v }, size.v, 'the result') : new Uint8Array();
      text = new TextDecoder().decode(bytes);
      if (size.v !== BigInt(new TextEncoder().encode(p.s).length)) return `result part ${k}: Core ${JSON.stringify(p.s)}, MLIR ${size.v} bytes ${JSON.stringify(text)}`;
    } catch (e) {
      return `result part ${k}: Core ${JSON.stringify(p.s)}, MLIR unreadable (${e instanceof Error ? e.message : String(e)})`;
    }
    if (text !== p.s) return `result part ${k}: Core ${JSON.stringify(p.s)}, MLIR ${JSON.stringify(text)}`;
  }
  return null;
}

export type { CoreProgram };

/** String parameters are at most this long in the retry. */
const MAX_PARAM_TEXT = 16;
/** Lines and command-line arguments are at most this long in the retry. */
const MAX_RUNTIME_TEXT = 256;

/** Every runtime string Core meets (a line, an argument, a formatted text) at least two
 *  bytes long (a line or an argument at most MAX_RUNTIME_TEXT), and every string parameter at most MAX_PARAM_TEXT ASCII bytes, through the query's
 *  substitution — a retry for models whose empty strings hide the difference or whose
 *  strings are too long to replay; null when there are none. */
export function longerTexts(q: CoreQuery): Term | null {
  const F = q.pair.env.f;
  const parts: Term[] = [];
  for (const c of q.core.calls) {
    // (and at most MAX_RUNTIME_TEXT: the solver likes huge lengths here too, past MAX_REPLAY)
    if ((c.callee === 'rt:readln' || c.callee === 'rt:arg') && c.result.k === 'str') parts.push(F.implies(c.pc, F.and(F.app('bvuge', [c.result.len, F.bv(2, 64)]), F.app('bvule', [c.result.len, F.bv(MAX_RUNTIME_TEXT, 64)]))));
  }
  // string parameters short enough to replay (a solver likes huge lengths), of ASCII bytes
  // (any other bytes may not be UTF-8)
  for (const p of q.core.params) {
    if (p.value.k !== 'str') continue;
    const v = p.value;
    parts.push(F.app('bvule', [v.len, F.bv(MAX_PARAM_TEXT, 64)]));
    for (let i = 0; i < MAX_PARAM_TEXT; i++) parts.push(F.implies(F.app('bvult', [F.bv(i, 64), v.len]), F.app('bvult', [byteAt(F, contentsOf(v), F.bv(i, 64)), F.bv(0x80, 8)])));
  }
  return parts.length ? substitute(F, F.and(...parts), q.subst) : null;
}
