// A proof stands only if the source never computes with a read of memory nobody wrote.
// Such bytes are LLVM's undef (LangRef, `alloca`: "loading from uninitialized memory
// produces an undefined value"); the semantics reads them as poison, which is more
// undefined than undef, so the refinement query may excuse a source computation that undef
// would make defined (`and undef, 0` is 0). Rather than a weaker value, the source's reads
// carry a condition (symexec.ts `freshOperands`), and a proof or a bound needs that
// condition unreachable. A refutation needs no such check: the source read as poison has
// more behaviours than with undef, so a target behaviour outside them is outside the real
// source's too.
import { checkQuery } from '../smt/solver.ts';
import type { SourceUndef } from './query.ts';
import type { FunctionVerdict, ValidateOptions } from './verdict.ts';

/** Null when no execution of the source computes with a read of unwritten memory (without
 *  undefined behaviour before it); otherwise the verdict instead of a proof. */
export async function sourceUndefVerdict(u: SourceUndef, fn: string, opts: ValidateOptions, name: string): Promise<Pick<FunctionVerdict, 'verdict' | 'detail'> | null> {
  if (u.reach.kind === 'bool' && !u.reach.value) return null;
  const r = await checkQuery(
    { assertions: [u.reach], wantModel: [], description: `does @${fn} (source) compute with a read of memory nobody wrote?` },
    opts.dumpSmt ? { timeoutMs: opts.timeoutMs, dumpTo: opts.dumpSmt, name } : { timeoutMs: opts.timeoutMs, name },
  );
  if (r.status === 'unsat') return null;
  const ops = u.what.slice(0, 3).join('; ') + (u.what.length > 3 ? '; ...' : '');
  if (r.status === 'sat') {
    return { verdict: 'unsupported', detail: `unsupported: the source may compute with memory nobody wrote, which LLVM reads as undef and this semantics as poison (${ops})` };
  }
  return { verdict: 'unknown', detail: `unknown: whether the source computes with memory nobody wrote (undef): ${r.reason ?? r.status}` };
}
