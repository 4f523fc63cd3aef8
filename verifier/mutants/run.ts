// `npm run mutants [-- options]`: the mutation run over corpus programs. Prints a row per
// operator, every unaccounted-for mutant loudly, a summary line, and writes a JSON report.
// Exit code: 0 all accounted for; 1 a mutant survived without a documented reason (or was
// refuted though equivalent, or is invalid, or got no verdict); 2 only unknown, unsupported,
// skipped, unvalidated or documented-but-only-bounded mutants; 3 bad usage.
import { execa } from 'execa';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CATALOGUE } from './catalogue.ts';
import { runHarness, type HarnessResult } from './harness.ts';
import { corpusProgram, DEFAULT_PROGRAMS, LOWERING } from './pairs.ts';
import { formatReport, jsonReport, markdownReport, summary } from './report.ts';
import type { MutationOperator } from './types.ts';
import { loadValidator } from './validator.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusDir = join(root, 'corpus');

const HELP = `usage: npm run mutants -- [options]

Mutates the output of every upstream lowering pass of corpus programs and validates each
mutant against the pass's input. Options:
  --programs a,b     corpus programs by name or .clef path (default: ${DEFAULT_PROGRAMS.join(',')})
  --all              every program of corpus/
  --passes p,q       only these passes (default: ${LOWERING.join(',')})
  --operators x,y    only these operators or families (see --list)
  --cap N            sites per operator in one pass pair (default 3)
  --max N            mutants per operator over the whole run (default 24)
  --unroll K         loop unrolling for bounded checks (default 8)
  --escalate K       re-validate bounded(unroll) survivors with unroll K (default 2 x unroll; 0: off)
  --shallow K        re-validate unknown (timeout) mutants with unroll K < unroll: a refutation
                     there is replayed like any other (default 2; 0: off)
  --timeout MS       solver time limit per query (default 10000)
  --native MODE      build and run mutants natively: all | survivors | none (default survivors)
  --jobs N           validate in N processes (default 1; the machine has 2 cores)
  --no-validate      generate and check with mlir-opt only
  --diffs            keep every mutant's diff in the JSON report (loud ones always have it)
  --json FILE        the JSON report (default .fidelity/mutants/report.json)
  --markdown FILE    also the per-operator table as Markdown
  --list             print the catalogue and exit`;

function selectOperators(spec: string | undefined): MutationOperator[] {
  if (!spec) return CATALOGUE;
  const want = spec.split(',').map((s) => s.trim()).filter(Boolean);
  const out = CATALOGUE.filter((o) => want.includes(o.name) || want.includes(o.family) || want.includes(o.dialect));
  const unknown = want.filter((w) => !CATALOGUE.some((o) => o.name === w || o.family === w || o.dialect === w));
  if (unknown.length > 0) throw new UsageError(`unknown operator or family: ${unknown.join(', ')} (see --list)`);
  return out;
}

class UsageError extends Error {}

function parseShard(spec: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(spec);
  if (!m || Number(m[1]) >= Number(m[2])) throw new UsageError('--shard takes I/N with I < N');
  return { index: Number(m[1]), count: Number(m[2]) };
}

/** The TypeScript loader a shard starts with: as bin/fidelity's, scripts/ts-loader.mjs under
 *  the test runner (FIDELITY_TEST_LOADER=1), else tsx. */
function loader(): string {
  return process.env.FIDELITY_TEST_LOADER === '1' ? join(root, 'scripts', 'ts-loader.mjs') : 'tsx';
}

/** The same run in `jobs` processes, each taking every jobs-th pass pair; results merged. */
async function runShards(argv: string[], jobs: number): Promise<HarnessResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fidelity-mutant-shards-'));
  const self = fileURLToPath(import.meta.url);
  const rest = dropOption(dropOption(argv, '--jobs'), '--json');
  try {
    const parts = await Promise.all(
      Array.from({ length: jobs }, async (_, k) => {
        const out = join(dir, `${k}.json`);
        const child = execa(process.execPath, ['--import', loader(), self, ...rest, '--shard', `${k}/${jobs}`, '--shard-out', out], {
          cwd: root, stdout: 'inherit', stderr: 'inherit', reject: false,
        });
        const r = await child;
        if (r.exitCode !== 0) throw new Error(`mutant shard ${k + 1}/${jobs} failed with exit code ${r.exitCode}`);
        return JSON.parse(readFileSync(out, 'utf8')) as HarnessResult;
      }),
    );
    return {
      records: parts.flatMap((p) => p.records),
      baseline: parts.flatMap((p) => p.baseline),
      sites: parts[0]!.sites,
      validated: parts.every((p) => p.validated),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** argv without `--name VALUE` / `--name=VALUE`. */
function dropOption(argv: string[], name: string): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === name) k++;
    else if (!argv[k]!.startsWith(`${name}=`)) out.push(argv[k]!);
  }
  return out;
}

function programFile(spec: string): string {
  const f = spec.endsWith('.clef') ? resolve(spec) : join(corpusDir, `${spec}.clef`);
  if (!existsSync(f)) throw new UsageError(`no program ${spec} (${f})`);
  return f;
}

function listCatalogue(): string {
  const w = Math.max(...CATALOGUE.map((o) => o.name.length));
  return CATALOGUE.map((o) => `${o.name.padEnd(w)}  ${o.family.padEnd(15)} ${o.expect.padEnd(10)} ${o.description}`).join('\n') +
    `\n${CATALOGUE.length} operators`;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      programs: { type: 'string' }, all: { type: 'boolean' }, passes: { type: 'string' }, operators: { type: 'string' },
      cap: { type: 'string' }, max: { type: 'string' }, unroll: { type: 'string' }, timeout: { type: 'string' },
      native: { type: 'string' }, 'no-validate': { type: 'boolean' }, json: { type: 'string' }, list: { type: 'boolean' },
      jobs: { type: 'string' }, diffs: { type: 'boolean' }, markdown: { type: 'string' }, escalate: { type: 'string' }, shallow: { type: 'string' }, shard: { type: 'string' }, 'shard-out': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.list) {
    console.log(listCatalogue());
    return 0;
  }
  const num = (s: string | undefined, d: number, what: string) => {
    if (s === undefined) return d;
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${what} needs a non-negative integer`);
    return n;
  };
  const names = values.all
    ? readdirSync(corpusDir).filter((f) => f.endsWith('.clef')).map((f) => f.slice(0, -5)).sort()
    : (values.programs?.split(',').map((s) => s.trim()).filter(Boolean) ?? DEFAULT_PROGRAMS);
  const passes = values.passes?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const p of passes ?? []) if (!LOWERING.includes(p)) throw new UsageError(`--passes: ${p} is not an upstream lowering pass (${LOWERING.join(', ')})`);
  const native = (values.native ?? 'survivors') as 'all' | 'survivors' | 'none';
  if (!['all', 'survivors', 'none'].includes(native)) throw new UsageError('--native takes all, survivors or none');
  const operators = selectOperators(values.operators);
  const validator = values['no-validate'] ? null : await loadValidator();
  const options = {
    programs: names, passes: passes ?? [...LOWERING], operators: operators.map((o) => o.name),
    cap: num(values.cap, 3, 'cap'), maxPerOperator: num(values.max, 24, 'max'),
    unroll: num(values.unroll, 8, 'unroll'), escalateUnroll: num(values.escalate, 2 * num(values.unroll, 8, 'unroll'), 'escalate'), shallowUnroll: num(values.shallow, 2, 'shallow'), timeoutMs: num(values.timeout, 10000, 'timeout'), native,
  };
  if (!validator && !values['no-validate']) console.log('note: verifier/tv does not export validatePair yet — generating and verifying mutants only');
  const t0 = performance.now();
  const jobs = num(values.jobs, 1, 'jobs');
  const shard = values.shard ? parseShard(values.shard) : undefined;
  let result: HarnessResult;
  if (jobs > 1 && !shard) {
    result = await runShards(argv, jobs);
  } else {
    result = await runHarness({
      programs: names.map((n) => corpusProgram(programFile(n))),
      passes, operators, cap: options.cap, maxPerOperator: options.maxPerOperator, unroll: options.unroll,
      escalateUnroll: options.escalateUnroll, shallowUnroll: options.shallowUnroll,
      timeoutMs: options.timeoutMs, validator, native,
      workDir: join(root, '.fidelity', 'mutants', shard ? `stages-${shard.index}` : 'stages'),
      diffs: values.diffs ?? false, shard, log: (l) => console.log(shard ? `[${shard.index + 1}/${shard.count}] ${l}` : l),
    });
  }
  if (shard) {
    // a shard hands its raw result to the parent, which reports
    writeFileSync(values['shard-out'] ?? join(root, '.fidelity', 'mutants', `shard-${shard.index}.json`), JSON.stringify(result));
    return 0;
  }
  console.log('');
  console.log(formatReport(result, operators));
  const out = values.json ?? join(root, '.fidelity', 'mutants', 'report.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(jsonReport(result, operators, { ...options, seconds: (performance.now() - t0) / 1000 }), null, 2) + '\n');
  if (values.markdown) writeFileSync(values.markdown, markdownReport(result, operators) + '\n');
  console.log(`JSON report: ${out} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const s = summary(result.records);
  if (s.loud > 0) return 1;
  if (s.unknown + s.unsupported + s.skipped + s.notValidated + s.equivalentBounded > 0) return 2;
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof UsageError || (e as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`mutants: ${(e as Error).message}\n\n${HELP}`);
      process.exit(3);
    }
    console.error(e);
    process.exit(3);
  },
);
