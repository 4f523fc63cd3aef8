// The tv benchmark's native-z3 side: what counts as an answer.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNativeZ3 } from '../../bench/tv.ts';
import { Z3_PATH } from '../../verifier/smt/native.ts';

const dir = mkdtempSync(join(tmpdir(), 'bench-tv-test-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, `; result (z3-wasm): unsat, 1.0 ms, 10 resource units\n${text}`);
  return p;
};

test('a z3 answer after an (error ...) is not an answer: the rest of the query was skipped', () => {
  if (!existsSync(Z3_PATH)) return console.log(`(skipping: ${Z3_PATH} not installed)`);
  // unsat as written; with the bad assertion skipped z3 would say sat
  const bad = runNativeZ3(file('bad.smt2', '(declare-fun x () (_ BitVec 8))\n(assert (bvfrobnicate x))\n(assert (= x #x01))\n(check-sat)\n'), 10_000);
  assert.ok(bad.status.startsWith('error: '), bad.status);
  assert.is(bad.inProcess, 'unsat');
  const good = runNativeZ3(file('good.smt2', '(declare-fun x () (_ BitVec 8))\n(assert (= x #x01))\n(assert (= x #x02))\n(check-sat)\n(get-value (x))\n'), 10_000);
  // the (error "model is not available") after an unsat answer is fine
  assert.is(good.status, 'unsat');
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
