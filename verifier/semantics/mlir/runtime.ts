// Concrete models of the Clef runtime library (runtime/clef_rt.c), so that every stage of a
// compiled program can be run by the MLIR interpreter. Arguments arrive flattened (a string
// is the five scalars of its memref descriptor, at every stage alike); the bytes of a string
// are aligned[offset .. offset + size).
import type { Type } from '../../../compiler/mlir/ir.ts';
import { RUNTIME, ZERO_FNS, type RuntimeFn } from '../../../compiler/codegen/runtime-abi.ts';
import { formatChar, formatFloat } from '../format.ts';
import type { ConcreteMemory } from './concrete-memory.ts';
import { bitsToNumber } from './float.ts';
import type { PtrV, Scalar } from './values.ts';
import { Unsupported } from './values.ts';

export type ProgramIO = {
  stdout: number[];
  stderr: number[];
  stdinLines: string[];
  argv: string[];
  lastLine: Uint8Array;
  regions: Map<bigint, PtrV<bigint, boolean>[]>;
  nextRegion: bigint;
};

export class ProgramExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export function newIO(stdin: string, argv: string[]): ProgramIO {
  const lines = stdin.length ? stdin.split('\n') : [];
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return { stdout: [], stderr: [], stdinLines: lines, argv, lastLine: new Uint8Array(), regions: new Map(), nextRegion: 1n };
}

export function isRuntimeFn(name: string): name is RuntimeFn {
  return Object.prototype.hasOwnProperty.call(RUNTIME, name);
}

/** Are a call's results the runtime's own, which are never poison (clef_rt.c returns
 *  computed values)? Only under the runtime's name and result signature (all `i64`): a
 *  declaration of another signature under such a name is some other function (review 35 L1:
 *  `@clef_argc() -> i32`'s result was taken as defined). */
export function runtimeResultsDefined(name: string, resultTypes: readonly Type[]): boolean {
  if (!isRuntimeFn(name)) return false;
  const want = RUNTIME[name].results as readonly string[];
  return want.length === resultTypes.length && resultTypes.every((t, i) => want[i] === 'i64' && t.kind === 'integer' && t.width === 64 && t.signedness === 'signless');
}

const enc = new TextEncoder();

/** What a copy call copies before its size word clamps it (context.ts copyLength), as the
 *  models below do: the last line's length, argument i's (0 outside the command line). */
export function runtimeCopyLength(name: string, args: Scalar<bigint, boolean>[], io: ProgramIO): bigint | undefined {
  if (name === 'clef_readln_copy') return BigInt(io.lastLine.length);
  if (name !== 'clef_arg_copy') return undefined;
  const x = args[0];
  if (!x || x.kind !== 'int') return undefined;
  const i = BigInt.asIntN(x.w, x.v);
  return i < 0n || i >= BigInt(io.argv.length) ? 0n : BigInt(enc.encode(io.argv[Number(i)]!).length);
}

type Str = { alloc: PtrV<bigint, boolean>; data: PtrV<bigint, boolean>; len: bigint };

/** Runs runtime function `name` on flattened arguments; returns its i64 results. */
export function runRuntime(name: RuntimeFn, args: Scalar<bigint, boolean>[], mem: ConcreteMemory, io: ProgramIO): bigint[] {
  let k = 0;
  const int = (): bigint => {
    const x = args[k++];
    if (!x || x.kind !== 'int') throw new Unsupported(`@${name}: argument shapes do not match`);
    return BigInt.asIntN(x.w, x.v);
  };
  const flt = (w: 32 | 64): number => {
    const x = args[k++];
    if (!x || x.kind !== 'float') throw new Unsupported(`@${name}: argument shapes do not match`);
    return bitsToNumber(x.v, w);
  };
  const str = (): Str => {
    const alloc = args[k++];
    const aligned = args[k++];
    const off = args[k++];
    const size = args[k++];
    k++; // stride
    if (!alloc || alloc.kind !== 'ptr' || !aligned || aligned.kind !== 'ptr' || !off || off.kind !== 'int' || !size || size.kind !== 'int') {
      throw new Unsupported(`@${name}: argument shapes do not match`);
    }
    return { alloc, data: { ...aligned, off: aligned.off + off.v }, len: BigInt.asIntN(64, size.v) };
  };
  const read = (s: Str) => (s.len > 0n ? mem.bytesAt(s.data, s.len, `@${name}`) : new Uint8Array());
  const put = (buf: Str, text: string): bigint => {
    let bytes = enc.encode(text);
    if (BigInt(bytes.length) > buf.len) bytes = bytes.slice(0, Number(buf.len));
    if (bytes.length) mem.writeBytes(buf.data, bytes, `@${name}`);
    return BigInt(bytes.length);
  };
  // zero-init: clef_zero_S(m) zeroes the view's elements (ops.ts applies it as a fill before
  // a call reaches the runtime models; this is the same effect for a direct caller)
  if (Object.prototype.hasOwnProperty.call(ZERO_FNS, name)) {
    const [, aligned, off, size] = args;
    if (!aligned || aligned.kind !== 'ptr' || !off || off.kind !== 'int' || !size || size.kind !== 'int') throw new Unsupported(`@${name}: argument shapes do not match`);
    const es = BigInt(ZERO_FNS[name]!);
    const n = BigInt.asIntN(64, size.v);
    if (n > 0n) mem.fill({ ...aligned, off: aligned.off + BigInt.asIntN(64, off.v) * es }, 0n, n * es, `@${name}`);
    return [];
  }
  switch (name) {
    case 'clef_write':
    case 'clef_writeln': {
      const s = str();
      io.stdout.push(...read(s));
      if (name === 'clef_writeln') io.stdout.push(10);
      return [];
    }
    case 'clef_readln_len': {
      const line = io.stdinLines.shift() ?? '';
      io.lastLine = enc.encode(line.endsWith('\r') ? line.slice(0, -1) : line);
      return [BigInt(io.lastLine.length)];
    }
    case 'clef_readln_copy': {
      const s = str();
      const n = Math.min(io.lastLine.length, Number(s.len));
      if (n > 0) mem.writeBytes(s.data, io.lastLine.slice(0, n), `@${name}`);
      return [];
    }
    case 'clef_fmt_i64': {
      const v = int();
      return [put(str(), v.toString())];
    }
    case 'clef_fmt_u64': {
      const v = int();
      return [put(str(), BigInt.asUintN(64, v).toString())];
    }
    case 'clef_fmt_f64': {
      const v = flt(64);
      return [put(str(), formatFloat(v, 64))];
    }
    case 'clef_fmt_f32': {
      const v = flt(32);
      return [put(str(), formatFloat(v, 32))];
    }
    case 'clef_fmt_char': {
      const v = int();
      return [put(str(), formatChar(v))];
    }
    case 'clef_str_compare': {
      // memcmp of the common length only (clef_rt.c; runtime-pre.ts asks no more)
      const sa = str();
      const sb = str();
      const common = sa.len < sb.len ? sa.len : sb.len;
      const a = read({ ...sa, len: common });
      const b = read({ ...sb, len: common });
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return [a[i]! < b[i]! ? -1n : 1n];
      return [sa.len < sb.len ? -1n : sa.len > sb.len ? 1n : 0n];
    }
    case 'clef_argc':
      return [BigInt(io.argv.length)];
    case 'clef_arg_len': {
      const i = int();
      return [i < 0n || i >= BigInt(io.argv.length) ? 0n : BigInt(enc.encode(io.argv[Number(i)]!).length)];
    }
    case 'clef_arg_copy': {
      const i = int();
      const s = str();
      if (i >= 0n && i < BigInt(io.argv.length)) {
        const bytes = enc.encode(io.argv[Number(i)]!);
        const n = Math.min(bytes.length, Number(s.len));
        if (n > 0) mem.writeBytes(s.data, bytes.slice(0, n), `@${name}`);
      }
      return [];
    }
    case 'clef_region_create': {
      const h = io.nextRegion++;
      io.regions.set(h, []);
      return [h];
    }
    case 'clef_region_track': {
      const h = int();
      const s = str();
      io.regions.get(h)?.push(s.alloc);
      return [];
    }
    case 'clef_region_release': {
      const h = int();
      for (const p of io.regions.get(h) ?? []) mem.free(p, '@clef_region_release');
      io.regions.delete(h);
      return [];
    }
    case 'clef_trap': {
      const s = str();
      io.stderr.push(...read(s), 10);
      throw new ProgramExit(70);
    }
  }
  throw new Unsupported(`runtime function @${name}`);
}
