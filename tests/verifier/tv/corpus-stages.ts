// Every corpus program at every stage of the default pipeline (01-core-to-mlir ..
// 08-reconcile-unrealized-casts), for the semantics and translation-validation tests. The
// upstream passes are real mlir-opt runs, batched over all programs with
// --split-input-file (7 processes instead of hundreds); the result is cached on disk by the
// hash of the code generator's output, so only a changed program or pipeline reruns.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frontEndText } from '../../../compiler/frontend.ts';
import { coreToMlir } from '../../../compiler/codegen/core-to-mlir.ts';
import { MLIR_OPT, UPSTREAM_PASSES } from '../../../compiler/codegen/native.ts';

export const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'corpus');

export type CorpusProgram = {
  name: string;
  stdin: string;
  out: string;
  code: number;
  /** [pass name, MLIR text], 01-core-to-mlir first. */
  stages: { pass: string; text: string }[];
};

const SEP = '// -----';

function batch(texts: string[], pass: string, dir: string): string[] {
  const file = join(dir, `batch-${pass}.mlir`);
  writeFileSync(file, texts.join(`\n${SEP}\n`));
  const out = execFileSync(MLIR_OPT, ['--split-input-file', `--${pass}`, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const parts = out.split(`\n${SEP}\n`);
  if (parts.length !== texts.length) throw new Error(`mlir-opt --${pass}: ${parts.length} outputs for ${texts.length} inputs`);
  return parts.map((p) => p.replace(/\n*$/, '\n'));
}

/** The corpus programs (those with expected output) and their stages. */
export function corpusStages(): CorpusProgram[] {
  const names = readdirSync(CORPUS).filter((f) => f.endsWith('.clef') && existsSync(join(CORPUS, f.replace(/\.clef$/, '.out')))).sort();
  const generated = names.map((f) => coreToMlir(frontEndText(f, readFileSync(join(CORPUS, f), 'utf8')).core));
  const key = createHash('sha256').update(MLIR_OPT).update(UPSTREAM_PASSES.join(',')).update(generated.join('\0')).digest('hex').slice(0, 16);
  const cache = join(tmpdir(), 'fidelity-mlirsem-stages', key);
  let stages: string[][];
  if (existsSync(join(cache, 'done'))) {
    stages = UPSTREAM_PASSES.map((p) => JSON.parse(readFileSync(join(cache, `${p}.json`), 'utf8')) as string[]);
  } else {
    const work = `${cache}.${process.pid}.tmp`;
    mkdirSync(work, { recursive: true });
    stages = [];
    let cur = generated;
    for (const p of UPSTREAM_PASSES) {
      cur = batch(cur, p, work);
      stages.push(cur);
      writeFileSync(join(work, `${p}.json`), JSON.stringify(cur));
    }
    writeFileSync(join(work, 'done'), '');
    try {
      mkdirSync(dirname(cache), { recursive: true });
      renameSync(work, cache);
    } catch {
      // another process cached it first
    }
  }
  return names.map((f, k) => {
    const base = join(CORPUS, f.replace(/\.clef$/, ''));
    return {
      name: f.replace(/\.clef$/, ''),
      stdin: existsSync(`${base}.in`) ? readFileSync(`${base}.in`, 'utf8') : '',
      out: readFileSync(`${base}.out`, 'utf8'),
      code: Number(readFileSync(`${base}.code`, 'utf8').trim()),
      stages: [{ pass: 'core-to-mlir', text: generated[k]! }, ...UPSTREAM_PASSES.map((p, i) => ({ pass: p, text: stages[i]![k]! }))],
    };
  });
}
