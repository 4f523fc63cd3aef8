// The replay's own limits (gaps engineer). A model can be past what the concrete replay runs
// — an arena of 10^11 bytes (the target zeroes allocations byte by byte), an argument block
// or a string too large to build, a run longer than the step limit — without anything being
// wrong with either semantics. Such a model is not replayed, so it refutes nothing; and it is
// no "engine bug" either (that names a model the two semantics disagree on). validate.ts
// reports it as its own `unknown`.

/** The start of a replay's `why` that names one of its limits. */
export const REPLAY_LIMIT = 'the model is past what the replay runs: ';

/** The verdict detail for a `why` that names a limit of the replay, or null. */
export function replayLimitDetail(why: string): string | null {
  if (!why.startsWith(REPLAY_LIMIT)) return null;
  return `unknown: counterexample not replayed: ${why} (a limit of the replay, not a disagreement of the two semantics)`;
}
