// The runtime library's functions as the MLIR code declares them (`func.func private`).
// runtime/clef_rt.c defines each with the C signature that convert-func-to-llvm gives
// these declarations: a `memref<?xi8>` parameter becomes five (allocated pointer, aligned
// pointer, offset, size, stride). Integers cross as i64 only; floats as f64/f32.
import { STRING, viewType } from './lower-types.ts';

export type RuntimeSig = { params: string[]; results: string[] };

export const RUNTIME = {
  clef_write: { params: [STRING], results: [] },
  clef_writeln: { params: [STRING], results: [] },
  /** Reads the next line and returns its length in bytes; clef_readln_copy copies it. */
  clef_readln_len: { params: [], results: ['i64'] },
  clef_readln_copy: { params: [STRING], results: [] },
  /** Format.*: write into the buffer (>= FORMAT_BUFFER bytes), return the length. */
  clef_fmt_i64: { params: ['i64', STRING], results: ['i64'] },
  clef_fmt_u64: { params: ['i64', STRING], results: ['i64'] },
  clef_fmt_f64: { params: ['f64', STRING], results: ['i64'] },
  clef_fmt_f32: { params: ['f32', STRING], results: ['i64'] },
  clef_fmt_char: { params: ['i64', STRING], results: ['i64'] },
  /** Bytewise comparison: -1, 0 or 1. */
  clef_str_compare: { params: [STRING, STRING], results: ['i64'] },
  /** The command line after the program name. */
  clef_argc: { params: [], results: ['i64'] },
  clef_arg_len: { params: ['i64'], results: ['i64'] },
  clef_arg_copy: { params: ['i64', STRING], results: [] },
  /** Regions: a handle, the buffers allocated for it (memref.alloc), release frees them. */
  clef_region_create: { params: [], results: ['i64'] },
  clef_region_track: { params: ['i64', STRING], results: [] },
  clef_region_release: { params: ['i64'], results: [] },
  /** Prints the message on stderr and exits with code 70 (as the interpreter stops). */
  clef_trap: { params: [STRING], results: [] },
  /** Fresh memory reads as zero in Clef: clef_zero_S(m) sets every element of the view m
   *  (unit stride) to 0 — memset of m.size * sizeof(S) bytes at m.aligned + m.offset. Called
   *  right after each stack, arena and region allocation (compiler/codegen/memory.ts). */
  clef_zero_i1: { params: [viewType('i1')], results: [] },
  clef_zero_i8: { params: [viewType('i8')], results: [] },
  clef_zero_i16: { params: [viewType('i16')], results: [] },
  clef_zero_i32: { params: [viewType('i32')], results: [] },
  clef_zero_i64: { params: [viewType('i64')], results: [] },
  clef_zero_f32: { params: [viewType('f32')], results: [] },
  clef_zero_f64: { params: [viewType('f64')], results: [] },
} satisfies Record<string, RuntimeSig>;

export type RuntimeFn = keyof typeof RUNTIME;

/** The clef_zero_* functions: element bytes of each (an i1 is stored in one byte). Their
 *  meaning is memory's (verifier/semantics/mlir/ops.ts: a fill with zero bytes, no event). */
export const ZERO_FNS: Record<string, number> = {
  clef_zero_i1: 1, clef_zero_i8: 1, clef_zero_i16: 2, clef_zero_i32: 4, clef_zero_i64: 8, clef_zero_f32: 4, clef_zero_f64: 8,
};

/** The clef_zero_* function for memory elements of MLIR scalar type `s`. */
export function zeroFn(s: string): RuntimeFn {
  const name = `clef_zero_${s}`;
  if (!(name in ZERO_FNS)) throw new Error(`internal error in compiler/codegen: no clef_zero function for ${s}`);
  return name as RuntimeFn;
}

/** Bytes every Format.* buffer has: the longest text is a float's (24 bytes). */
export const FORMAT_BUFFER = 32;

/** The symbol the runtime's C `main` calls: `() -> i64`, the exit code. */
export const ENTRY_SYMBOL = 'clef_entry';
