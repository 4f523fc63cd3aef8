// Every op whose custom (pretty) syntax the parser reads, by full name.
import type { CustomParser } from './parse.ts';
import { affineParsers } from './custom-affine.ts';
import { arithParsers } from './custom-arith.ts';
import { builtinParsers } from './custom-builtin.ts';
import { cfParsers } from './custom-cf.ts';
import { funcParsers } from './custom-func.ts';
import { intrinsicParser, llvmParsers } from './custom-llvm.ts';
import { memrefParsers } from './custom-memref.ts';
import { scfParsers } from './custom-scf.ts';
import { ubParsers } from './custom-ub.ts';

const table = new Map<string, CustomParser>(
  [builtinParsers, funcParsers, arithParsers, scfParsers, cfParsers, memrefParsers, llvmParsers, affineParsers, ubParsers].flatMap((t) => Object.entries(t)),
);

/** The custom parser of an op, or undefined (LLVM intrinsics share one form). */
export function customParser(name: string): CustomParser | undefined {
  return table.get(name) ?? (name.startsWith('llvm.intr.') ? intrinsicParser : undefined);
}
