// The float min/max family (arith.maximumf/minimumf/maxnumf/minnumf and the llvm.intr forms
// convert-arith-to-llvm makes of them) checked symbolically: lowerings proved, wrong
// replacements refuted with a model that replays, and maxnum's unspecified sign of zero
// (LLVM 19 LangRef: "returns either one of the operands") never assumed on either side.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const arith = (op: string, flags = '', args = '%a, %b') => `func.func @f(%a: f64, %b: f64) -> f64 {
  %r = arith.${op} ${args}${flags} : f64
  return %r : f64
}`;
const intr = (op: string, flags = '') => `func.func @f(%a: f64, %b: f64) -> f64 {
  %r = llvm.intr.${op}(%a, %b)${flags} : (f64, f64) -> f64
  return %r : f64
}`;
/** `if a > b then a else b` (ogt: false on a NaN), or with < for min. */
const ifElse = (pred: string, flags = '') => `func.func @f(%a: f64, %b: f64) -> f64 {
  %c = arith.cmpf ${pred}, %a, %b${flags} : f64
  %r = arith.select %c, %a, %b : f64
  return %r : f64
}`;

for (const [a, l] of [['maximumf', 'maximum'], ['minimumf', 'minimum'], ['maxnumf', 'maxnum'], ['minnumf', 'minnum']] as const) {
  test(`convert-arith-to-llvm: arith.${a} -> llvm.intr.${l} proved (and with nnan)`, async () => {
    const v = await pairVerdict(arith(a), intr(l));
    assert.match(v, /^proved/, v);
    const f = await pairVerdict(arith(a, ' fastmath<nnan>'), intr(l, ' {fastmathFlags = #llvm.fastmath<nnan>}'));
    assert.match(f, /^proved/, f);
  });
}

test('maximumf is commutative (NaN and the sign of zero included): proved', async () => {
  const v = await pairVerdict(arith('maximumf'), arith('maximumf', '', '%b, %a'));
  assert.match(v, /^proved/, v);
});

test('if a > b then a else b -> maximumf: refuted (a NaN, or +0.0 vs -0.0), model replayed', async () => {
  const v = await pairVerdict(ifElse('ogt'), arith('maximumf'));
  assert.match(v, /^refuted/, v);
  const r = await pairVerdict(arith('maximumf'), ifElse('ogt'));
  assert.match(r, /^refuted/, r);
});

test('with nnan both ways the sign of zero still tells if-then-else from maximumf: refuted', async () => {
  const v = await pairVerdict(arith('maximumf', ' fastmath<nnan>'), ifElse('ogt', ' fastmath<nnan>'));
  assert.match(v, /^refuted/, v);
  assert.match(v, /0/, v);
});

test('maximumf -> maxnumf and back: refuted (a NaN operand), model replayed', async () => {
  const v = await pairVerdict(arith('maximumf'), arith('maxnumf'));
  assert.match(v, /^refuted/, v);
  const r = await pairVerdict(arith('maxnumf'), arith('maximumf'));
  assert.match(r, /^refuted/, r);
});

test('maxnumf -> maximumf under nnan: maximumf makes one of maxnum\'s choices, not refuted', async () => {
  // source maxnum(+0, -0) may return either; the check takes the source's default (+0.0),
  // which is maximum's: proved
  const v = await pairVerdict(arith('maxnumf', ' fastmath<nnan>'), arith('maximumf', ' fastmath<nnan>'));
  assert.match(v, /^proved/, v);
});

test('maximumf -> maxnumf under nnan: the target may return -0.0 for max(+0.0, -0.0): not proved', async () => {
  // the target's choice is free in the query; the replay runs its other choice too
  const v = await pairVerdict(arith('maximumf', ' fastmath<nnan>'), arith('maxnumf', ' fastmath<nnan>'));
  assert.match(v, /^refuted/, v);
});

test('maxnumf -> if a > b then a else b under nnan: one of the source\'s choices, proved', async () => {
  // a = +0.0, b = -0.0: the select returns -0.0, which maxnum may return too (the source's
  // choice is under a "for all" in the query, source-choices.ts)
  const v = await pairVerdict(arith('maxnumf', ' fastmath<nnan>'), ifElse('ogt', ' fastmath<nnan>'));
  assert.match(v, /^proved/, v);
  const m = await pairVerdict(arith('minnumf', ' fastmath<nnan>'), ifElse('olt', ' fastmath<nnan>'));
  assert.match(m, /^proved/, m);
});

test('maxnumf -> maxnumf with the operands swapped: proved', async () => {
  const v = await pairVerdict(arith('maxnumf'), arith('maxnumf', '', '%b, %a'));
  assert.match(v, /^proved/, v);
});

const twice = (dup: boolean) => `func.func @f(%a: f64, %b: f64) -> (f64, f64) {
  %x = arith.maxnumf %a, %b fastmath<nnan> : f64
  ${dup ? '%y = arith.maxnumf %a, %b fastmath<nnan> : f64' : '%y = arith.addf %x, %x fastmath<nnan> : f64'}
  ${dup ? 'return %x, %y : f64, f64' : '%h = arith.constant 0.5 : f64\n  %z = arith.mulf %y, %h fastmath<nnan> : f64\n  return %x, %z : f64, f64'}
}`;
const once = `func.func @f(%a: f64, %b: f64) -> (f64, f64) {
  %x = arith.maxnumf %a, %b fastmath<nnan> : f64
  return %x, %x : f64, f64
}`;

test('two maxnum of the same operands merged into one (CSE): proved', async () => {
  const v = await pairVerdict(twice(true), once);
  assert.match(v, /^proved/, v);
});

test('one maxnum duplicated into two (each may choose a different sign of zero): not proved, not refuted', async () => {
  const v = await pairVerdict(once, twice(true));
  assert.not.match(v, /^proved/, v);
  assert.not.match(v, /^refuted/, v);
});

/** Store the result instead of returning it: the memory difference's witness address keeps
 *  the source's choices free (not expanded), which is stricter. */
const stored = (body: string) => `func.func @f(%a: f64, %b: f64, %p: memref<1xf64>) {
  %c0 = arith.constant 0 : index
  ${body}
  memref.store %r, %p[%c0] : memref<1xf64>
  return
}`;

test('stored maxnum (source choice not expanded): a correct select is never refuted, a wrong maximum-for-maxnum is', async () => {
  const ok = await pairVerdict(stored('%r = arith.maxnumf %a, %b fastmath<nnan> : f64'), stored('%c = arith.cmpf ogt, %a, %b fastmath<nnan> : f64\n  %r = arith.select %c, %a, %b : f64'));
  assert.not.match(ok, /^refuted/, ok);
  const bad = await pairVerdict(stored('%r = arith.maximumf %a, %b fastmath<nnan> : f64'), stored('%r = arith.maxnumf %a, %b fastmath<nnan> : f64'));
  assert.match(bad, /^refuted/, bad);
});

test('if a > b then a else b -> maxnumf under nnan: the target may return +0.0 where the source gives -0.0: refuted', async () => {
  const v = await pairVerdict(ifElse('ogt', ' fastmath<nnan>'), arith('maxnumf', ' fastmath<nnan>'));
  assert.match(v, /^refuted/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
