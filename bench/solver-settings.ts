// Compares z3 settings on dumped queries (issue 4 item 9: the WASM z3 needs far more work
// than the native z3 on some queries). Each .smt2 file under the given folders (written by
// `--dump-smt DIR`) runs in the WASM z3 once per setting, each in a fresh context (a context's
// history changes its search), and once in the native z3 (/usr/bin/z3, a process per query),
// with the same script the back ends build: definitions as equations, the same limits.
// Prints, per setting: decided queries, total resource units and time, and every sat/unsat
// disagreement with any other run (a setting may change the search, never the answer).
//
//   nice -n 10 npx tsx bench/solver-settings.ts DIR... [--rlimit N] [--timeout MS]
//        [--setting 'NAME=(set-option ...)']... [--no-native] [--json OUT]
// A setting whose text starts with `@defs` sends the query's shared terms as the dump has them,
// `define-fun`s, instead of as equations (answer.ts definitionsAsEquations).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { init, killThreads } from 'z3-solver';
import { definitionsAsEquations } from '../verifier/smt/answer.ts';

type Run = { status: 'sat' | 'unsat' | 'unknown'; rlimit: number; ms: number };
type Row = { file: string; runs: Record<string, Run> };

function args() {
  const a = process.argv.slice(2);
  const dirs: string[] = [];
  const settings: [string, string][] = [];
  let rlimit = 20_000_000;
  let timeoutMs = 30_000;
  let native = true;
  let json: string | undefined;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (x === '--rlimit') rlimit = Number(a[++i]);
    else if (x === '--timeout') timeoutMs = Number(a[++i]);
    else if (x === '--no-native') native = false;
    else if (x === '--json') json = a[++i];
    else if (x === '--setting') {
      const s = a[++i]!;
      const eq = s.indexOf('=');
      settings.push([s.slice(0, eq), s.slice(eq + 1)]);
    } else dirs.push(x);
  }
  if (!settings.length) settings.push(['default', ''], ['defs', '@defs']);
  return { dirs, settings, rlimit, timeoutMs, native, json };
}

function smt2Files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...smt2Files(p));
    else if (name.endsWith('.smt2')) out.push(p);
  }
  return out;
}

/** The dumped query as the back ends send it: no comments, no limit of its own, equations. */
function queryText(file: string, equations = true): string {
  const text = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith(';') && !/^\(set-option :(rlimit|timeout) /.test(l))
    .join('\n');
  return equations ? definitionsAsEquations(text) : text;
}

function parse(out: string, ms: number): Run {
  const first = out.split('\n').map((l) => l.trim()).find((l) => /^(sat|unsat|unknown)$/.test(l));
  const rl = /:rlimit-count\s+(\d+)/.exec(out);
  return { status: (first as Run['status']) ?? 'unknown', rlimit: rl ? Number(rl[1]) : 0, ms };
}

const o = args();
const files = o.dirs.flatMap(smt2Files);
const api = await init();
const rows: Row[] = [];
for (const file of files) {
  const text = queryText(file);
  const defs = queryText(file, false);
  const limits = `(set-option :timeout ${o.timeoutMs})\n(set-option :rlimit ${o.rlimit})\n`;
  const tail = '\n(get-info :all-statistics)\n';
  const runs: Record<string, Run> = {};
  for (const [name, prefix] of o.settings) {
    // `(set-option :smt.…)` sets z3's global parameters: they outlive the context and
    // `(reset)`, so every run starts from the defaults again
    api.Z3.global_param_reset_all();
    const cfg = api.Z3.mk_config();
    api.Z3.set_param_value(cfg, 'model', 'true');
    const ctx = api.Z3.mk_context_rc(cfg);
    api.Z3.del_config(cfg);
    const t0 = performance.now();
    const asDefs = prefix.startsWith('@defs');
    const head = asDefs ? prefix.slice('@defs'.length) : prefix;
    const out = await api.Z3.eval_smtlib2_string(ctx, head + '\n' + limits + (asDefs ? defs : text) + tail);
    runs[name] = parse(out, performance.now() - t0);
    api.Z3.del_context(ctx);
  }
  if (o.native) {
    const t0 = performance.now();
    const r = spawnSync('/usr/bin/z3', ['-in'], { input: limits + text + tail, encoding: 'utf8', maxBuffer: 1 << 28 });
    runs.native = parse(r.stdout ?? '', performance.now() - t0);
  }
  rows.push({ file, runs });
  process.stderr.write(`${rows.length}/${files.length} ${file} ${Object.entries(runs).map(([k, r]) => `${k}:${r.status}/${r.rlimit}`).join(' ')}\n`);
}
await killThreads(api.em);

const names = [...o.settings.map(([n]) => n), ...(o.native ? ['native'] : [])];
const decided = (r: Run | undefined) => r !== undefined && r.status !== 'unknown';
// totals over the queries every run decided, so that a setting is not rewarded for giving up
const common = rows.filter((row) => names.every((n) => decided(row.runs[n])));
console.log(`${files.length} queries, rlimit ${o.rlimit}, timeout ${o.timeoutMs} ms; totals over the ${common.length} all runs decide`);
console.log('| run | decided | sat | unsat | units (common) | ms (common) | units (all) | ms (all) |');
console.log('|---|---|---|---|---|---|---|---|');
for (const n of names) {
  const rs = rows.map((row) => row.runs[n]!);
  const cs = common.map((row) => row.runs[n]!);
  const sum = (xs: Run[], k: 'rlimit' | 'ms') => Math.round(xs.reduce((s, r) => s + r[k], 0));
  console.log(`| ${n} | ${rs.filter(decided).length} | ${rs.filter((r) => r.status === 'sat').length} | ${rs.filter((r) => r.status === 'unsat').length} | ${sum(cs, 'rlimit')} | ${sum(cs, 'ms')} | ${sum(rs, 'rlimit')} | ${sum(rs, 'ms')} |`);
}
let disagreements = 0;
for (const row of rows) {
  const answers = new Set(names.map((n) => row.runs[n]!.status).filter((s) => s !== 'unknown'));
  if (answers.size > 1) {
    disagreements++;
    console.log(`DISAGREEMENT ${row.file}: ${names.map((n) => `${n}=${row.runs[n]!.status}`).join(' ')}`);
  }
}
console.log(`${disagreements} sat/unsat disagreements`);
if (o.json) writeFileSync(o.json, JSON.stringify(rows, null, 1));
process.exit(0);
