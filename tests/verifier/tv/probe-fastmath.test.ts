// Soundness probes (reviewer): fast-math flags. LangRef: with `nnan` (`ninf`) an operand or
// result that is a NaN (an infinity) makes the result poison — for select and calls too;
// `reassoc`, `contract`, `arcp`, `afn`, `nsz` (and `fast`) allow results other than the IEEE
// one (reassociation, contraction, approximation, either sign of zero). The semantics models
// nnan/ninf on arithmetic, compares, negation and resizes only. Before the fix a target adding
// nnan to a float select was `proved` (it returns poison where the source returns a NaN),
// and a reassociation that `reassoc` allows was `refuted` (both sides evaluated in IEEE).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const select = (flags: string) => `llvm.func @f(%c: i1, %x: f64, %y: f64) -> f64 {
  %r = llvm.select %c, %x, %y${flags} : i1, f64
  llvm.return %r : f64
}`;

test('a target that adds nnan to a float select (poison for a NaN): not proved', async () => {
  const v = await pairVerdict(select(''), select(' {fastmathFlags = #llvm.fastmath<nnan>}'));
  assert.not.match(v, /^proved/, v);
});

/** (x + y) + z, or x + (y + z), every addition with `flags`. */
const sum = (flags: string, right: boolean) => `func.func @f(%x: f64, %y: f64, %z: f64) -> f64 {
  %a = arith.addf ${right ? '%y, %z' : '%x, %y'}${flags} : f64
  %r = arith.addf ${right ? '%x, %a' : '%a, %z'}${flags} : f64
  return %r : f64
}`;

test('a reassociation that the source\'s reassoc flags allow: not refuted', async () => {
  const v = await pairVerdict(sum(' fastmath<reassoc>', false), sum(' fastmath<reassoc>', true));
  assert.match(v, /^unsupported: .*reassoc/, v);
});

test('the same reassociation without the flag is still checked (IEEE addition does not associate)', async () => {
  // refuted alone (tv CLI: 5 s); after other float queries the WASM z3 may time out
  const v = await pairVerdict(sum('', false), sum('', true));
  assert.match(v, /^(refuted|unknown: .*timeout)/, v);
});

test('nnan on an addition is modelled: a target adding it is refuted, the same flags proved', async () => {
  const added = await pairVerdict(sum('', false), sum(' fastmath<nnan>', false));
  assert.match(added, /^refuted/, added);
  const same = await pairVerdict(sum(' fastmath<nnan,ninf>', false), sum(' fastmath<nnan,ninf>', false));
  assert.match(same, /^proved/, same);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
