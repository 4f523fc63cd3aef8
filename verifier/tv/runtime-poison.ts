// A run with the bodies (replay.ts `whole`) runs the runtime library's models, which read
// their arguments' bits (verifier/semantics/mlir/runtime.ts): a poison word or a poison byte
// of a string they print is formatted or written as whatever bits it holds. Natively the
// runtime gets some value, any value: a source handing it poison prints one text of many
// (a call word that is poison in the source is refined by every target word, query.ts), so
// its output, and all that follows from what the runtime answered, decides nothing — the
// source's `g(ub.poison)`, g printing its argument, was refuted against the target's `g(5)`
// on the output "0" vs "5" (review 31).
import { RUNTIME } from '../../compiler/codegen/runtime-abi.ts';
import { STRING } from '../../compiler/codegen/lower-types.ts';
import type { ConcreteMemory } from '../semantics/mlir/concrete-memory.ts';
import { isRuntimeFn } from '../semantics/mlir/runtime.ts';
import { flatten, type Val } from '../semantics/mlir/values.ts';

/** Runtime functions that read the bytes of their string arguments (clef_rt.c). */
const READS = new Set<string>(['clef_write', 'clef_writeln', 'clef_trap', 'clef_str_compare']);
/** Bytes of one string looked at, at most. */
const MAX_BYTES = 1n << 16n;

/** Does runtime call `callee` get a poison word, or read a poison byte of a string? */
export function runtimeSeesPoison(memory: ConcreteMemory, callee: string, args: Val<bigint, boolean>[]): boolean {
  if (!isRuntimeFn(callee)) return false;
  const xs = args.flatMap((a) => flatten(a));
  if (xs.some((x) => x.poison)) return true;
  if (!READS.has(callee)) return false;
  let k = 0;
  for (const p of RUNTIME[callee].params as readonly string[]) {
    if (p !== STRING) {
      k++;
      continue;
    }
    const [aligned, off, size] = [xs[k + 1], xs[k + 2], xs[k + 3]];
    k += 5;
    if (aligned?.kind !== 'ptr' || off?.kind !== 'int' || size?.kind !== 'int') continue;
    const b = memory.blocks.get(Number(aligned.bid));
    const n = BigInt.asIntN(64, size.v);
    if (!b || n <= 0n) continue;
    const start = aligned.off + BigInt.asIntN(64, off.v);
    for (let i = 0n; i < (n < MAX_BYTES ? n : MAX_BYTES); i++) {
      const at = start + i;
      if (at < 0n || at >= b.size) break;
      if (memory.readByte(b, at).poison) return true;
    }
  }
  return false;
}
