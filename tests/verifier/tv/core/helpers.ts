// Shared by the Core -> MLIR tests: a corpus program's Core and its core-to-mlir text, and
// a mutation of the MLIR text of one function (the rest of the module untouched).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import type { CoreProgram } from '../../../../compiler/core/core.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { EFFORT, withRlimit } from '../../../helpers/effort.ts';

export const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'corpus');

export function corpusProgram(name: string): { core: CoreProgram; mlir: string } {
  const file = join(CORPUS, `${name}.clef`);
  const core = frontEndText(file, readFileSync(file, 'utf8')).core;
  return { core, mlir: coreToMlir(core) };
}

/** Replaces `from` by `to` inside the body of `@clef.<fn>` only; throws if it is not there
 *  (a mutation that changes nothing would make its test pass for nothing). */
export function mutate(mlir: string, fn: string, from: string | RegExp, to: string): string {
  const head = `func.func @clef.${fn}(`;
  const start = mlir.indexOf(head);
  if (start < 0) throw new Error(`no ${head}`);
  const end = mlir.indexOf('\n  }\n', start);
  const body = mlir.slice(start, end);
  const changed = body.replace(from, to);
  if (changed === body) throw new Error(`mutation ${String(from)} not found in @clef.${fn}`);
  return mlir.slice(0, start) + changed + mlir.slice(end);
}

/** A probe program (Clef source in a test): `verdict(fn, edit)` checks Core's `fn` against
 *  core-to-mlir's MLIR after `edit` (unroll 2, 30 s), as "verdict: detail". With `byWork`,
 *  every query is limited by solver work instead (effort.ts: EFFORT's units and generous wall
 *  limit), for checks expected to be decided whose queries a loaded machine could time out. */
export function probeProgram(name: string, source: string, o: { byWork?: boolean } = {}): { core: CoreProgram; mlir: string; verdict: (fn: string, edit?: (t: string) => string) => Promise<string> } {
  const core = frontEndText(`${name}.clef`, source).core;
  const mlir = coreToMlir(core);
  const verdict = async (fn: string, edit: (t: string) => string = (t) => t): Promise<string> => {
    const mod = parseMlir(edit(mlir), `${name}.mutant.mlir`);
    const check = (timeoutMs: number) => validateCoreFunction(core, core.functions.find((f) => f.name === fn)!, mod, moduleInfo(mod), { unroll: 2, timeoutMs });
    const v = o.byWork ? await withRlimit(() => check(EFFORT.timeoutMs)) : await check(30_000);
    return `${v.verdict}: ${v.detail}`;
  };
  return { core, mlir, verdict };
}
