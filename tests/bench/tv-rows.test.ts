// The tv bench's rows file (bench/tv-rows.ts): the cause class read off each detail, and the
// writer of tv-rows.md / tv-rows.json, over made-up verdict records shaped as the
// validators word them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { causeOf, generic, splitDetail, writeRows, type RowsRun } from '../../bench/tv-rows.ts';
import { benchPrograms, rowsStem, writeTvRows, type TvBench } from '../../bench/tv.ts';
import { CORE_TO_MLIR_NOTE } from '../../bin/cli/validate.ts';
import type { PassVerdict } from '../../bin/cli/verdicts.ts';

const row = (file: string, pass: string, name: string, verdict: string, detail: string, timeMs = 10): PassVerdict =>
  ({ file: `/x/corpus/${file}.clef`, pass, name, verdict, detail, timeMs }) as PassVerdict;

test('the detail splits into the primary reason and the cut-point proof\'s', () => {
  assert.equal(splitDetail({ verdict: 'unknown', detail: 'unknown: timeout (part 1 of 5 of the mismatch); no unbounded proof: cut points: scf.for in @clef.hex' }), {
    primary: 'timeout (part 1 of 5 of the mismatch)',
    cut: 'cut points: scf.for in @clef.hex',
  });
  assert.equal(splitDetail({ verdict: 'unknown', detail: 'unknown: timeout' }), { primary: 'timeout' });
  assert.is(generic('the back edge of loop 12 (line 19) in @clef.main.showShape'), 'the back edge of loop N in @f');
});

test('cause classes: timeouts by the part of the mismatch, too large, nothing checked, undecided bound', () => {
  const c = (verdict: string, detail: string) => causeOf({ verdict, detail });
  assert.is(c('unknown', 'unknown: timeout (part 1 of 5 of the mismatch); no unbounded proof: cut points: scf.for in @clef.runFrame'), 'timeout in part 1 of the mismatch');
  // a member of a part, a slice, an aliasing placement: the part's class still
  assert.is(c('unknown', 'unknown: timeout (part 4 of 5, member 1 of 9 of the mismatch)'), 'timeout in part 4 of the mismatch');
  assert.is(c('unknown', 'unknown: timeout (slice) (part 3 of 5 of the mismatch)'), 'timeout in part 3 of the mismatch');
  assert.is(c('unknown', 'unknown: timeout (part 1 of 6 of the mismatch) (aliasing placement 1 of 4)'), 'timeout in part 1 of the mismatch');
  assert.is(c('unknown', "unknown: timeout (the parts' budget of 2 time limits ran out at part 3 of 4 of the mismatch)"), "timeout: the budget of the mismatch's parts ran out");
  assert.is(c('unknown', 'unknown: resource limit (part 2 of 3 of the mismatch)'), 'resource limit in part 2 of the mismatch');
  assert.is(c('unknown', 'unknown: timeout'), 'timeout (the query as one)');
  assert.is(c('unknown', 'unknown: query too large at unroll 8: over 60000 call-frame facts (96 frames); no unbounded proof: x'), 'query too large: over N call-frame facts');
  assert.is(
    c('unknown', "unknown: a loop runs more than 8 iterations on every execution; nothing was checked (Core's loops need unroll 16; unrolling deeper is not tried for a function that builds strings: its copy loops make the query too large)"),
    'nothing was checked: a loop always runs past k (a string builder, not unrolled deeper)',
  );
  assert.is(c('unknown', 'unknown: a loop runs more than 8 iterations on every execution; nothing was checked'), 'nothing was checked: a loop always runs past k');
  assert.is(c('unknown', 'unknown: every execution runs a loop (of Core or the target) more than 8 iterations; nothing was checked; no unbounded proof: y'), 'nothing was checked: every execution runs a loop past k');
  assert.is(
    c('unknown', 'unknown: no difference within 8 iterations, but whether any execution stays within them is undecided (timeout); no unbounded proof: z'),
    'no difference within k, whether any execution stays within k undecided (timeout)',
  );
  assert.is(c('unknown', 'unknown: engine bug: counterexample did not replay: result differs'), 'engine bug: a counterexample did not replay');
  assert.is(c('unknown', 'unknown: the budget of the check of clef.f (12 queries) ran out (part 2 of 5 of the mismatch)'), "the check's budget ran out (N queries)");
  assert.is(c('unknown', 'unknown: the budget of the check of clef.f (40 s of solver time in all) ran out'), "the check's budget ran out (N s of solver time in all)");
  assert.is(c('unknown', 'unknown: counterexample not replayed: the model is past what the replay runs: an arena of 2 GiB (a limit of the replay, not a disagreement of the two semantics)'), "a model past the replay's limits");
});

test('cause classes: bounded by the cut-point reason, unsupported by its construct, refuted, and a wording no rule knows', () => {
  const c = (verdict: string, detail: string) => causeOf({ verdict, detail });
  // two functions, the same reason: one class
  const a = c('bounded(8)', 'refinement holds for executions within 8 iterations of each loop; no unbounded proof: the inductive query for the back edge of loop 2 (line 19) is unknown (timeout)');
  const b = c('bounded(8)', 'refinement holds for executions within 8 iterations of each loop; no unbounded proof: the inductive query for the back edge of loop 0 (line 7) is unknown (timeout)');
  assert.is(a, 'bounded: no unbounded proof: the inductive query for the back edge of loop N is unknown (timeout)');
  assert.is(a, b);
  assert.is(c('bounded(8)', 'the MLIR refines Core for executions within 8 iterations of each loop'), 'bounded: no unbounded proof: no reason given');
  assert.is(c('unsupported', 'unsupported: the MLIR has no body for @clef.f'), 'unsupported: the MLIR has no body for @f');
  assert.is(c('unsupported', 'unsupported: op memref.reshape, in @main'), 'unsupported: op memref.reshape');
  assert.is(c('refuted', 'refuted: return value 3 vs 4'), 'refuted');
  assert.is(c('refuted', 'refuted (concrete test: x = 1): return value 3 vs 4'), 'refuted by a concrete test');
  // no rule: the verdict and the reason's first clause, made generic
  assert.is(c('unknown', 'unknown: the solver gave no model (canceled at 12 s)'), 'unknown: the solver gave no model');
});

const dir = mkdtempSync(join(tmpdir(), 'bench-tv-rows-test-'));
const run: RowsRun = { date: '2026-11-26T17:00:00Z', commit: 'abc1234', unroll: 8, timeoutMs: 10_000, jobs: 2, programs: ['alpha', 'beta'], wholeCorpus: false, upstreamOnly: false };

test('the writer: md grouped by pass then cause, proved rows left out; json with every row\'s time; atomic', () => {
  const checks = [
    row('alpha', 'core-to-mlir', 'clef.main', 'unknown', 'unknown: timeout (part 1 of 5 of the mismatch); no unbounded proof: cut points: scf.for in @clef.main', 10_000),
    row('alpha', 'core-to-mlir', 'clef.f', 'proved', 'proved', 40),
    row('alpha', 'convert-scf-to-cf', 'clef.main', 'proved', 'proved', 3),
    row('beta', 'core-to-mlir', 'clef.g', 'unknown', 'unknown: timeout (part 1 of 4 of the mismatch)', 9_000),
    row('beta', 'core-to-mlir', 'clef.main', 'unknown', 'unknown: query too large at unroll 8: over 60000 call-frame facts (29 frames)', 3_000),
    row('beta', 'convert-scf-to-cf', 'clef.g', 'bounded(8)', 'refinement holds for executions within 8 iterations of each loop; no unbounded proof: cut points: x | y', 70),
  ];
  const stem = join(dir, 'tv-rows');
  writeFileSync(`${stem}.md`, 'an older run\n');
  const files = writeRows(stem, run, checks);
  assert.equal(files, { md: `${stem}.md`, json: `${stem}.json` });
  // no temporary file left beside them
  assert.equal(readdirSync(dir).sort(), ['tv-rows.json', 'tv-rows.md']);
  const md = readFileSync(files.md, 'utf8');
  assert.not.match(md, 'an older run');
  assert.match(md, '- checks (pass x function): 6 — 2 proved, 1 bounded, 0 refuted, 3 unknown, 0 unsupported');
  assert.match(md, '2, not the whole corpus: alpha, beta');
  // the summary: the largest class first, a pipe in a cause escaped in the table
  assert.match(md, '| timeout in part 1 of the mismatch | 2 | 2 unknown | core-to-mlir |');
  assert.ok(md.indexOf('| timeout in part 1') < md.indexOf('| query too large'), 'largest class first');
  assert.match(md, 'cut points: x \\| y | 1 |');
  // by pass (in the run's order), then cause, each row with its full detail
  const sections = md.split('\n').filter((l) => l.startsWith('## ') || l.startsWith('### '));
  assert.equal(sections, [
    '## Causes',
    '## core-to-mlir: 3 of 4 checks not proved (1 proved, 0 bounded, 0 refuted, 3 unknown, 0 unsupported)',
    '### timeout in part 1 of the mismatch (2)',
    '### query too large: over N call-frame facts (1)',
    '## convert-scf-to-cf: 1 of 2 checks not proved (1 proved, 1 bounded, 0 refuted, 0 unknown, 0 unsupported)',
    '### bounded: no unbounded proof: cut points: x | y (1)',
  ]);
  assert.match(md, '- alpha `@clef.main`: unknown, 10.0 s — unknown: timeout (part 1 of 5 of the mismatch); no unbounded proof: cut points: scf.for in @clef.main');
  assert.match(md, '- beta `@clef.main`: unknown, 3.0 s — unknown: query too large at unroll 8: over 60000 call-frame facts (29 frames)');
  assert.not.match(md, '@clef.f`');
  // medians recomputed from the rows: per check 1535 ms (70 and 3000 in the middle); per
  // function over its passes: 40, 3000, 9070 (9000 + 70), 10003 (10000 + 3)
  assert.match(md, 'median per check 1535.0 ms; per function, all passes together, 6035.0 ms');
  const json = JSON.parse(readFileSync(files.json, 'utf8'));
  assert.is(json.unroll, 8);
  assert.is(json.whole_corpus, false);
  assert.is(json.rows.length, 6);
  assert.equal(json.rows[1], { program: 'alpha', pass: 'core-to-mlir', function: 'clef.f', verdict: 'proved', time_ms: 40 });
  assert.equal(json.rows[4].cause, 'query too large: over N call-frame facts');
  assert.is(json.rows[4].detail, checks[4]!.detail);
});

test('the writer: a run where every row is proved says so', () => {
  const files = writeRows(join(dir, 'all-proved'), { ...run, wholeCorpus: true }, [row('alpha', 'core-to-mlir', 'clef.f', 'proved', 'proved')]);
  const md = readFileSync(files.md, 'utf8');
  assert.match(md, 'the whole corpus (2)');
  assert.match(md, '(none: every row is proved)');
  assert.is(JSON.parse(readFileSync(files.json, 'utf8')).rows.length, 1);
});

test('BENCH_TV_PROGRAMS: corpus programs by name; an unknown name is an error', () => {
  assert.is(benchPrograms(undefined), undefined);
  const files = benchPrograms('debounce, luhn.clef')!;
  assert.is(files.length, 2);
  assert.ok(files[0]!.endsWith('/corpus/debounce.clef') && existsSync(files[0]!), files[0]);
  assert.ok(files[1]!.endsWith('/corpus/luhn.clef'), files[1]);
  assert.throws(() => benchPrograms('debounce,no_such_program'), /no corpus program 'no_such_program'/);
});

test('the bench writes the first run\'s checks, not the core-to-mlir notes; only a finished whole-corpus run of every pass goes to bench/', () => {
  const saved = { rows: process.env['BENCH_TV_ROWS'], tmp: process.env['TMPDIR'] };
  try {
    delete process.env['BENCH_TV_ROWS'];
    process.env['TMPDIR'] = dir;
    const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench');
    assert.is(rowsStem({}, true), join(benchDir, 'tv-rows'));
    assert.is(rowsStem({}, false), join(dir, 'tv-rows'));
    assert.is(rowsStem({ upstreamOnly: true }, true), join(dir, 'tv-rows'));
    assert.is(rowsStem({ stoppedAfter: { done: 3, of: 37 } }, true), join(dir, 'tv-rows'));
    process.env['BENCH_TV_ROWS'] = join(dir, 'chosen');
    assert.is(rowsStem({}, true), join(dir, 'chosen'));
    const program = (verdicts: PassVerdict[]) => ({ file: '/x/corpus/alpha.clef', frontEndMs: 0, pipelineMs: 0, parseMs: 0, validateMs: 0, validateCpuMs: 0, verdicts });
    const b: TvBench = {
      runs: [
        { jobs: 2, queries: [], programs: [program([row('alpha', 'core-to-mlir', 'clef.main', 'unsupported', CORE_TO_MLIR_NOTE, 0), row('alpha', 'convert-scf-to-cf', 'clef.main', 'unknown', 'unknown: timeout', 10_000)])] },
        { jobs: 1, queries: [], programs: [program([row('alpha', 'convert-scf-to-cf', 'clef.main', 'proved', 'proved', 20)])] },
      ],
      native: null, nativeRepeats: { count: 0, wallMs: 0 }, wallMs: 0, versions: { inProcess: 'z3', native: null }, unroll: 8, timeoutMs: 10_000, upstreamOnly: true,
    };
    const files = writeTvRows(b, true, { date: '2026-11-26T17:00:00Z', commit: null });
    assert.is(files.md, join(dir, 'chosen.md'));
    const json = JSON.parse(readFileSync(files.json, 'utf8'));
    assert.equal(json.rows.map((r: { verdict: string }) => r.verdict), ['unknown']);
    assert.is(json.jobs, 2);
    assert.is(json.upstream_only, true);
    assert.match(readFileSync(files.md, 'utf8'), '### timeout (the query as one) (1)');
  } finally {
    for (const [k, v] of [['BENCH_TV_ROWS', saved.rows], ['TMPDIR', saved.tmp]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
