// `tv`'s note on a row resting on a callee's row that is not proved (review, session 12,
// round 4): where the source declares @ext without a body and the target defines it, @ext's
// row is `unsupported` (a body on one side only), yet @f, calling it, is proved by taking
// @ext to be the same function on both sides. calleesOf read only the source, where @ext
// has no body, so no note and no "unproved_callees": @f read as proved outright.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../compiler/mlir/parse.ts';
import { calleesOf, jsonWithReliance, passKey, relianceNotes } from '../../bin/cli/validate-callees.ts';
import type { PassVerdict } from '../../bin/cli/verdicts.ts';

const declared = parseMlir(`func.func private @ext(i32) -> i32
func.func @f(%x: i32) -> i32 {
  %r = func.call @ext(%x) : (i32) -> i32
  return %r : i32
}
`, 'd1.mlir');
const defined = parseMlir(`func.func @ext(%x: i32) -> i32 {
  return %x : i32
}
func.func @f(%x: i32) -> i32 {
  %r = func.call @ext(%x) : (i32) -> i32
  return %r : i32
}
`, 'd2.mlir');
const rows: PassVerdict[] = [
  { name: 'ext', verdict: 'unsupported', detail: 'unsupported: @ext has a body only in the target', timeMs: 0 },
  { name: 'f', verdict: 'proved', detail: 'refinement holds (no loop was cut)', timeMs: 1 },
];

test('a callee with a body only in the target: the caller\'s proved row names it', () => {
  const callees = new Map([[passKey(undefined, ''), calleesOf(declared, defined)]]);
  assert.equal(relianceNotes(rows, callees), ['note: @f is proved given the rows of the functions it calls; not proved among them: @ext (unsupported)']);
  const f = jsonWithReliance(rows, callees).find((r) => r.name === 'f')!;
  assert.equal(f.unproved_callees, [{ name: 'ext', verdict: 'unsupported' }]);
});

test('alone, calleesOf still lists only callees with a body (no declarations)', () => {
  assert.equal(calleesOf(declared).get('f'), []);
  assert.equal(calleesOf(defined).get('f'), ['ext']);
});

test.run();
