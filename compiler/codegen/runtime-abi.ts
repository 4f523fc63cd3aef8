// The runtime library's functions as the MLIR code declares them (`func.func private`).
// runtime/clef_rt.c defines each with the C signature that convert-func-to-llvm gives
// these declarations: a `memref<?xi8>` parameter becomes five (allocated pointer, aligned
// pointer, offset, size, stride). Integers cross as i64 only; floats as f64/f32.
import { STRING } from './lower-types.ts';

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
} satisfies Record<string, RuntimeSig>;

export type RuntimeFn = keyof typeof RUNTIME;

/** Bytes every Format.* buffer has: the longest text is a float's (24 bytes). */
export const FORMAT_BUFFER = 32;

/** The symbol the runtime's C `main` calls: `() -> i64`, the exit code. */
export const ENTRY_SYMBOL = 'clef_entry';
