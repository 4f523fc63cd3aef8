// Differential testing with random programs: a few hundred generated, well-typed Clef
// programs (compiler/gen, fixed seed), batched 20 to a file so one native build covers 20,
// each run by the reference interpreter with the wrapping semantics (`checks: false`) and
// natively (core-to-mlir, every upstream mlir-opt pass, mlir-translate, clang -O2). Stdout
// (unit by unit) and the exit code must be equal. A disagreement names the unit's seed:
// `npx tsx tests/compiler/differential/show.ts SEED` prints that program alone.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../compiler/frontend.ts';
import { generateBatch, generateProgram, generateUnit, programOf } from '../../../compiler/gen/program.ts';
import { compareUnits, firstDifference, sections, type Comparison } from './harness.ts';

const SEED = 20_250_301;
const UNITS = Number(process.env.DIFFERENTIAL_UNITS ?? 300);
const PER_BATCH = 20;
const PARALLEL = 2;

const batches = Array.from({ length: Math.ceil(UNITS / PER_BATCH) }, (_, b) =>
  generateBatch(SEED, b * PER_BATCH, Math.min(PER_BATCH, UNITS - b * PER_BATCH)),
);

// Builds run two at a time in the background while the tests wait for their own batch.
type Result = { ok: Comparison } | { error: string };
const results: Promise<Result>[] = [];
{
  let next = 0;
  const slots: Promise<void>[] = [];
  const resolvers: ((r: Result) => void)[] = [];
  batches.forEach((_, i) => results.push(new Promise((res) => (resolvers[i] = res))));
  const worker = async () => {
    while (next < batches.length) {
      const i = next++;
      try {
        resolvers[i]!({ ok: await compareUnits(batches[i]!, `batch${i}`) });
      } catch (e) {
        resolvers[i]!({ error: e instanceof Error ? e.message : String(e) });
      }
    }
  };
  for (let k = 0; k < PARALLEL; k++) slots.push(worker());
}

test('the generator is deterministic and seeds differ', () => {
  assert.is(generateProgram(7), generateProgram(7));
  assert.is.not(generateProgram(7), generateProgram(8));
  assert.is(generateUnit(123, 4).text, generateUnit(123, 4).text);
});

test('generated programs are well typed, without warnings', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const { warnings } = frontEndText(`seed${seed}.clef`, generateProgram(seed));
    assert.equal(warnings.map((w) => w.message), [], `seed ${seed}`);
  }
});

test('the generated units cover the constructs under test', () => {
  const text = batches.flat().map((u) => u.text).join('\n');
  const want: [string, RegExp][] = [
    // one pattern per suffix: a single pattern with `[\s\S]*` between them backtracked for
    // 0.5 s over the 2 MB of 300 units and 5 s over 60 units (28 Nov)
    ...['y', 'uy', 's', 'us', 'l', 'u', 'L', 'UL'].map((sfx): [string, RegExp] => [`the literal suffix ${sfx}`, new RegExp(`\\d${sfx}\\b`)]),
    ['conversions', /\((u?int(8|16|32|64)?|byte|sbyte|nativeint|unativeint) /],
    ['shifts', /<<<[\s\S]*>>>/],
    ['bitwise ops', /&&&[\s\S]*\|\|\|[\s\S]*\^\^\^[\s\S]*~~~/],
    ['division and remainder', / \/ [\s\S]* % /],
    ['unsigned comparison', /\d+u[sL]? (<|<=|>|>=) /],
    ['elif', /\belif\b/],
    ['while', /\bwhile\b/],
    ['for .. in', /\bfor \w+ in\b/],
    ['for to', /\bfor \w+ = .* to /],
    ['downto', /\bdownto\b/],
    ['for up to MaxValue', /\.\. (Int|UInt|Byte|SByte)\w*\.MaxValue|to (Int|UInt|Byte|SByte)\w*\.MaxValue/],
    ['nested functions', /^ +let nf\d+ /m],
    ['recursion', /^let rec /m],
    ['stack arrays', /NativePtr\.stackalloc</],
    ['pointer views', /NativePtr\.add /],
    ['spans', /Span\.ofPtr[\s\S]*Span\.slice/],
    ['int matches with guards', /\| x\d+ when /],
    ['option matches', /\| Some x\d+/],
    ['tuples', /let \(t\d+, t\d+\) = /],
    ['records', /\{ \w+ with /],
    ['record patterns', /\| \{ R\d+_\d+\w = /],
    ['unions', /\| U\d+_\d+[A-Z] of /],
    ['Wrapping', /Wrapping\.(add|sub|mul)/],
    ['Format.uint64', /Format\.uint64/],
  ];
  for (const [what, re] of want) assert.ok(re.test(text), `no ${what} in ${UNITS} units`);
});

test('the harness splits output by unit and names the first difference', () => {
  const s = sections('== p0\na\n== p1\nb\nc\n');
  assert.is(s.get('p0'), '== p0\na\n');
  assert.is(s.get('p1'), '== p1\nb\nc\n\n');
  assert.is(firstDifference('x\ny\n', 'x\nz\n'), 'line 2: interpreter "y", native "z"');
  assert.ok(programOf(batches[0]!.slice(0, 2)).includes('acc <- (acc * 31) + p1_test z'));
});

test('a code generation bug is caught: signed shifts right compiled as logical ones', async () => {
  await Promise.all(results); // after the real batches, so it does not delay them
  const c = await compareUnits(batches[0]!.slice(0, 10), 'mutant', (m) => m.replaceAll('arith.shrsi', 'arith.shrui'));
  assert.ok(c.disagreements.length > 0, 'the mutant was not detected');
});

batches.forEach((units, i) => {
  const first = units[0]!.id;
  test(`batch ${i}: units p${first}..p${first + units.length - 1}, interpreter = native`, async () => {
    const r = await results[i]!;
    if ('error' in r) return assert.unreachable(`batch ${i} did not build or run: ${r.error}`);
    const c = r.ok;
    const hint = 'print a unit alone with: npx tsx tests/compiler/differential/show.ts SEED';
    assert.equal(c.disagreements, [], `batch ${i}:\n  ${c.disagreements.join('\n  ')}\n  (${hint})`);
    assert.ok(c.interp.stdout.split('\n').length > units.length * 2, 'the units print their results');
  });
});

test.run();
