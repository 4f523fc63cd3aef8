// Strings and the runtime library in the Core -> MLIR check (verifier/tv/core/strings.ts,
// runtime.ts, string-calls.ts): real core-to-mlir output of a small program and of corpus
// functions is proved or bounded; mutants of it (a wrong byte in a string constant, the
// Console calls in the wrong order, a wrong command-line index, a wrong buffer length, a
// wrong Format operand) are refuted with counterexamples replayed on both interpreters; an
// equivalent mutant is proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../../compiler/frontend.ts';
import { coreToMlir } from '../../../../compiler/codegen/core-to-mlir.ts';
import type { CoreProgram } from '../../../../compiler/core/core.ts';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import type { FunctionVerdict } from '../../../../verifier/tv/verdict.ts';
import { corpusProgram, mutate } from './helpers.ts';
import { EFFORT, withRlimit } from '../../../helpers/effort.ts';

const SRC = `
let greet (n: int) =
    Console.writeln ("n = " + Format.int n)

let pick (b: bool) : string = if b then "yes" else "no"

let order (s: string) =
    Console.write "<"
    Console.writeln s

let second (argv: Span<string>) : int =
    if argv.Length > 1 then String.length argv.[1] else 0

let echo () =
    let l = Console.readln ()
    Console.writeln l

let same (a: string) (b: string) : bool = a = b

let main argv =
    greet (second argv)
    0
`;

const opts = { unroll: 2, timeoutMs: 20_000 };
const prog: CoreProgram = frontEndText('strings.clef', SRC).core;
const MLIR = coreToMlir(prog);

async function check(fn: string, mlir = MLIR, p: CoreProgram = prog, timeoutMs = opts.timeoutMs): Promise<FunctionVerdict> {
  const module = parseMlir(mlir, 'strings.mlir');
  return validateCoreFunction(p, p.functions.find((f) => f.name === fn)!, module, moduleInfo(module), { ...opts, timeoutMs });
}

function refuted(v: FunctionVerdict, what: RegExp): void {
  assert.is(v.verdict, 'refuted', `${v.name}: ${v.detail}`);
  assert.ok(v.counterexample, 'a replayed counterexample');
  assert.match(v.detail, what);
}

test('the unmutated functions are proved or bounded, never refuted', async () => {
  // under a work limit per query (effort.ts), not the clock: greet's second copy loop's back
  // edge (the number's bytes) is not decided in 14 M units — a 20 s timeout, all CPU in CI —
  // so greet is bounded(2) here; bits.show's copy loops are pinned proved in copy-loops.test.ts
  const verdicts = await withRlimit(async () => {
    const out = new Map<string, FunctionVerdict>();
    for (const fn of ['greet', 'pick', 'order', 'second', 'echo', 'same', 'main']) out.set(fn, await check(fn, MLIR, prog, EFFORT.timeoutMs));
    return out;
  }, 2_000_000);
  for (const [fn, v] of verdicts) assert.ok(v.verdict === 'proved' || v.verdict.startsWith('bounded('), `${fn}: ${v.verdict} ${v.detail}`);
  // no loop at all: proved outright
  for (const fn of ['pick', 'order', 'second', 'echo', 'same']) assert.is(verdicts.get(fn)!.verdict, 'proved', fn);
});

test('a wrong byte in a string constant is refuted', async () => {
  const bad = MLIR.replace('dense<[121, 101, 115]>', 'dense<[121, 101, 116]>'); // "yes" -> "yet"
  assert.is.not(bad, MLIR);
  refuted(await check('pick', bad), /Core "yes", MLIR "yet"/);
});

test('Console calls in the wrong order are refuted', async () => {
  const bad = mutate(MLIR, 'order', /(func\.call @clef_write\(%str_2\)[^\n]*)\n(\s*)(func\.call @clef_writeln\(%s_0\)[^\n]*)/, '$3\n$2$1');
  refuted(await check('order', bad), /output differs/);
});

test('a wrong command-line index is refuted', async () => {
  const bad = mutate(MLIR, 'second', /func\.call @clef_arg_len\(%5\)/, 'func.call @clef_arg_len(%argv_0)');
  refuted(await check('second', bad), /result/);
});

test('a wrong buffer length is refuted', async () => {
  // the line's buffer one byte short: the copy and the write lose the last byte
  const bad = mutate(MLIR, 'echo', /%1 = arith\.index_cast %len_0 : i64 to index/, '%c1x = arith.constant 1 : i64\n    %lenx = arith.subi %len_0, %c1x : i64\n    %1 = arith.index_cast %lenx : i64 to index');
  const v = await check('echo', bad);
  assert.is(v.verdict, 'refuted', v.detail);
});

test('a wrong Format operand is refuted', async () => {
  const bad = mutate(MLIR, 'greet', /func\.call @clef_fmt_i64\(%n_0, /, 'func.call @clef_fmt_i64(%c32x, ');
  const withConst = bad.replace('func.func @clef.greet(%n_0: i64) {', 'func.func @clef.greet(%n_0: i64) {\n    %c32x = arith.constant 7 : i64');
  refuted(await check('greet', withConst), /output differs/);
});

test('a string comparison read the other way is refuted; an equivalent one is proved', async () => {
  refuted(await check('same', mutate(MLIR, 'same', /arith\.cmpi eq, %cmp_2/, 'arith.cmpi ne, %cmp_2')), /result/);
  // `r == 0` and `r <=u 0` are the same predicate
  const eqv = mutate(MLIR, 'same', /arith\.cmpi eq, %cmp_2/, 'arith.cmpi ule, %cmp_2');
  assert.is((await check('same', eqv)).verdict, 'proved');
});

test('corpus: a function returning a formatted string is proved; a wrong digit is refuted', async () => {
  const { core, mlir } = corpusProgram('crc32');
  assert.is((await check('hexDigit', mlir, core)).verdict, 'proved');
  const bad = mutate(mlir, 'hexDigit', /constant 48 : i64/, 'constant 49 : i64');
  refuted(await check('hexDigit', bad, core), /Core "0", MLIR "1"|Core "\d", MLIR "\d"/);
});

// (bits.show, a string parameter concatenated and written, is pinned proved — the same check,
// unroll 2 — in copy-loops.test.ts; it was checked here too, ~8 s, for "proved or bounded")

// result strings of Clef calls, strings kept across calls (each failed before)
const CALLS_SRC = `
let mk (c: char) : string = Format.char c

let name (b: bool) : string = if b then "yes" else "no"

let greet (b: bool) =
    Console.writeln ("answer: " + name b)

let id (x: int) : int = x + 1

let twice (n: int) =
    let s = "n = " + Format.int n
    let k = id n
    Console.writeln s
    Console.writeln (Format.int k)
`;
const callsProg: CoreProgram = frontEndText('calls.clef', CALLS_SRC).core;
const CALLS_MLIR = coreToMlir(callsProg);

test('a string returned in the callee\'s own stack frame is refuted (it was proved: a dangling result)', async () => {
  assert.is((await check('mk', CALLS_MLIR, callsProg)).verdict, 'proved');
  const bad = mutate(CALLS_MLIR, 'mk', /memref\.alloc\(%c32_2\)/, 'memref.alloca(%c32_2)');
  refuted(await check('mk', bad, callsProg), /unreadable|no longer alive/);
});

test('a literal a callee returns, concatenated by the caller, is checked (it was unknown: unreadable bytes)', async () => {
  const v = await check('greet', CALLS_MLIR, callsProg);
  assert.ok(v.verdict === 'proved' || v.verdict.startsWith('bounded('), `${v.verdict}: ${v.detail}`);
  assert.is((await check('name', CALLS_MLIR, callsProg)).verdict, 'proved');
});

test('a string built before a Clef call and written after it is checked (it was unknown: the callee havocked it)', async () => {
  // (a work limit per query: the back edge of its second copy loop needs 16 M units, ~10 s;
  // bounded(2) is what this pins — the callee no longer havocs the string)
  const v = await withRlimit(() => check('twice', CALLS_MLIR, callsProg, EFFORT.timeoutMs), 2_000_000);
  assert.ok(v.verdict === 'proved' || v.verdict.startsWith('bounded('), `${v.verdict}: ${v.detail}`);
  // writing the string's first byte after the call (a caller that changes its own string)
  const bad = mutate(CALLS_MLIR, 'twice', /(%\w+ = func\.call @clef\.id\([^\n]*\n)/, '$1    %zz0 = arith.constant 0 : index\n    %zz1 = arith.constant 88 : i8\n    memref.store %zz1, %buf_12[%zz0] : memref<?xi8>\n');
  refuted(await check('twice', bad, callsProg), /output differs/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
