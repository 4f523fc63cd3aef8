// Module-level state of one code generation: the globals it creates on demand (string
// literals, zero placeholders), the runtime functions it calls, and the symbols of the
// program's functions and statics. Printed in a fixed order so the text is deterministic.
import type { CoreProgram } from '../core/core.ts';
import type { TypeTable } from '../types/types.ts';
import { RUNTIME, type RuntimeFn } from './runtime-abi.ts';

export type ModuleState = {
  prog: CoreProgram;
  types: TypeTable;
  /** String literal bytes (as a key) -> its global's symbol, in first-use order. */
  strings: Map<string, { symbol: string; bytes: Uint8Array }>;
  /** Zero-element globals standing in for the memrefs of inactive union cases. */
  zeros: Map<string, string>;
  runtime: Set<RuntimeFn>;
  /** Core function name -> MLIR symbol (with the '@'). */
  fnSymbols: Map<string, string>;
  /** Static name -> the symbol of each of its scalar components. */
  staticSymbols: Map<string, string[]>;
};

const BARE = /^[A-Za-z_][A-Za-z0-9_$.]*$/;

/** `@name`, quoted when it is not a bare identifier. */
export function symbol(name: string): string {
  return BARE.test(name) ? `@${name}` : `@${JSON.stringify(name)}`;
}

/** User functions live under `clef.` so they can never collide with the runtime or libc
 *  (a Clef function may well be called `write` or `main`). */
export function functionSymbol(coreName: string): string {
  return symbol(`clef.${coreName}`);
}

export function newModuleState(prog: CoreProgram): ModuleState {
  const fnSymbols = new Map<string, string>();
  for (const fn of prog.functions) fnSymbols.set(fn.name, functionSymbol(fn.name));
  return { prog, types: prog.types, strings: new Map(), zeros: new Map(), runtime: new Set(), fnSymbols, staticSymbols: new Map() };
}

/** The symbol of the constant global holding `text` as UTF-8 (a lone surrogate becomes
 *  U+FFFD, as the interpreter counts it). */
export function stringGlobal(m: ModuleState, text: string): { symbol: string; length: number } {
  const bytes = new TextEncoder().encode(text);
  const key = Array.from(bytes).join(',');
  let g = m.strings.get(key);
  if (!g) {
    g = { symbol: symbol(`str.${m.strings.size}`), bytes };
    m.strings.set(key, g);
  }
  return { symbol: g.symbol, length: bytes.length };
}

/** The symbol of a placeholder global of MLIR memref type `ty` (static shape). */
export function zeroGlobal(m: ModuleState, ty: string): string {
  let s = m.zeros.get(ty);
  if (!s) {
    s = symbol(`zero.${m.zeros.size}`);
    m.zeros.set(ty, s);
  }
  return s;
}

export function useRuntime(m: ModuleState, fn: RuntimeFn): string {
  m.runtime.add(fn);
  return `@${fn}`;
}

/** Module-level declarations, in a fixed order: string literals, placeholders, runtime. */
export function moduleHeader(m: ModuleState): string[] {
  const out: string[] = [];
  for (const { symbol: s, bytes } of m.strings.values()) {
    const init = bytes.length === 0 ? '0' : `[${Array.from(bytes, (b) => (b > 127 ? b - 256 : b)).join(', ')}]`;
    out.push(`memref.global "private" constant ${s} : memref<${bytes.length}xi8> = dense<${init}>`);
  }
  for (const [ty, s] of m.zeros) out.push(`memref.global "private" constant ${s} : ${ty} = dense<0>`);
  for (const name of [...m.runtime].sort()) {
    const sig = RUNTIME[name];
    const res = sig.results.length === 0 ? '' : ` -> ${sig.results.length === 1 ? sig.results[0] : `(${sig.results.join(', ')})`}`;
    out.push(`func.func private @${name}(${sig.params.join(', ')})${res}`);
  }
  return out;
}
