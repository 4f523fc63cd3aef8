// The replay's watch for a target that never returns (diverges.ts): at every visit of a loop
// head of the function run first — CFG headers (the MLIR -> MLIR lasso replay,
// ../lasso-replay.ts) and scf.while heads, which core-to-mlir's MLIR has — the state of the
// frame, of memory and of the program's input and output is fingerprinted. The interpreter
// is deterministic (the replay's first run: reads of memory nobody wrote are poison, not
// chosen values), so the same state at two visits of one head means it never returns.
import type { Operation } from '../../../compiler/mlir/ir.ts';
import type { ConcreteMemory } from '../../semantics/mlir/concrete-memory.ts';
import type { CVal, InterpOptions } from '../../semantics/mlir/interp.ts';
import type { FuncInfo } from '../../semantics/mlir/module-info.ts';
import type { ProgramIO } from '../../semantics/mlir/runtime.ts';
import { flatten } from '../../semantics/mlir/values.ts';
import { Diverges, fingerprint, lassoDetector, sourceIds } from '../lasso-replay.ts';

/** Loop-head visits fingerprinted per run at most, and bytes of memory hashed in all (each
 *  visit hashes every writable block: an arena of 1 MiB in a long loop would take minutes). */
const MAX_WATCHED = 20_000;
const MAX_HASHED = 64 << 20;

/** The bytes a fingerprint of `memory` hashes (about). */
function hashedBytes(memory: ConcreteMemory): number {
  let n = 0;
  for (const b of memory.blocks.values()) if (!b.readonly) n += b.dense ? b.dense.length : (b.sparse?.size ?? 0) * 8;
  return n;
}

/** The state of the program's input and output that a run can still observe: how much it
 *  wrote (output only grows), the lines left and the last line read, the regions' handles
 *  and their buffers. */
function ioState(io: ProgramIO): string {
  const regions = [...io.regions].map(([h, bs]) => `${h}:${bs.map((b) => `${b.bid}.${b.off}`).join(',')}`).join(' ');
  return `io ${io.stdout.length} ${io.stderr.length} ${io.stdinLines.length} ${Buffer.from(io.lastLine).toString('hex')} ${io.nextRegion} ${regions}`;
}

/** The hooks for runMlir's `watch` (a run of `memory`): throw Diverges at a repeated state
 *  of a loop head of the function run first (CFG headers and scf.while heads). `progressOf`:
 *  what else the run's future depends on (default: the program's input and output; the MLIR
 *  pair replay's, ../replay.ts, counts the calls the model answers). */
export function divergenceWatch(memory: ConcreteMemory, progressOf?: (io: ProgramIO) => number | string): (fi: FuncInfo, io: ProgramIO) => Pick<InterpOptions, 'onBlockEntry' | 'onLoopHead'> {
  return (fi, io) => {
    const progress = () => (progressOf ? progressOf(io) : ioState(io));
    const cfg = lassoDetector(fi, memory, progress);
    const sid = sourceIds();
    const ids = new Map<Operation, number>();
    const visits = new Map<Operation, number>();
    const seen = new Map<string, number>();
    let watched = 0;
    let hashed = 0;
    const more = (): boolean => watched++ < MAX_WATCHED && (hashed += hashedBytes(memory)) <= MAX_HASHED;
    const none = new Set<string>();
    return {
      onBlockEntry: (r, b, env, depth) => {
        // (lassoDetector fingerprints only its function's loop headers)
        if (depth === 1 && r === fi.body && more()) cfg(r, b, env, depth);
      },
      onLoopHead: (op: Operation, carried: CVal[], env, depth) => {
        if (depth !== 1 || !more()) return;
        if (!ids.has(op)) ids.set(op, ids.size);
        const visit = visits.get(op) ?? 0;
        visits.set(op, visit + 1);
        const vals = carried.flatMap((c) => flatten(c)).map((x) => (x.kind === 'ptr' ? `p${x.bid}:${x.off}:${x.poison}` : `${x.kind}${x.w}:${x.v}:${x.poison}`));
        const key = `${ids.get(op)}\0${vals.join(' ')}\0${fingerprint(env, none, memory, progress(), sid)}`;
        const first = seen.get(key);
        const name = op.results[0] ? `the scf.while of %${op.results[0].name}` : 'an scf.while';
        if (first !== undefined) throw new Diverges(name, first, visit);
        seen.set(key, visit);
      },
    };
  };
}

/** How a Diverges reads in a verdict. */
export function neverReturns(e: Diverges): string {
  const at = e.header.startsWith('the scf.while') || e.header.startsWith('an scf.while') ? e.header : `^${e.header}`;
  return `never returns (it comes back to ${at} in the state of an earlier visit: visits ${e.first} and ${e.again})`;
}
