// The replay's own limit, named: concrete pointers are integer addresses b * 2^32 + o
// (semantics/mlir/memory.ts), exact only for offsets below 4 GiB, so a model that puts a
// pointer 4 GiB or more into its block cannot be replayed (its ptrtoint or store is
// Unsupported). Such a model is neither a counterexample nor an engine bug: the verdict is
// `unknown` with this reason (tests/verifier/tv/probe-ptrtoint.test.ts).
import { WIDE_OFFSET } from '../semantics/mlir/memory.ts';

/** The `unknown` reason for a replay that stopped at a pointer 4 GiB or more into its
 *  block, or null when `why` is about something else. */
export function wideOffsetUnknown(why: string): string | null {
  if (!why.includes(WIDE_OFFSET)) return null;
  const what = /(llvm\.\w+[^(]*?) \(/.exec(why)?.[1] ?? 'a pointer';
  return `unknown: the replay cannot represent an address offset of 4 GiB or more into a block (${what}); the model is no counterexample and the check is undecided`;
}
