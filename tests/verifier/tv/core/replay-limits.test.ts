// A model past the replay's own limits (verifier/tv/core/replay-limits.ts) is its own
// `unknown`, neither refuted nor an "engine bug". The target here is wrong only when the
// arena has more than 2,000,000 bytes left; the replay does not run arenas of more than
// 1 MiB (the target zeroes allocations byte by byte), so no model replays. Before, the row
// read "unknown: engine bug: counterexample did not replay: replay: the model's arena holds
// ... bytes".
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { replayLimitDetail, REPLAY_LIMIT } from '../../../../verifier/tv/core/replay-limits.ts';
import { probeProgram } from './helpers.ts';

const SOURCE = `
let roomy (a: Arena) : int = if Arena.remaining a > 2000000 then 1 else 0

let main _ =
    let a = Arena.create 16
    roomy a
`;

const { verdict } = probeProgram('probe-replay-limits', SOURCE);

test('the arena function as compiled: proved', async () => {
  assert.match(await verdict('roomy'), /^proved/);
});

test('a target wrong only for arenas past the replay limit: a named unknown, not an engine bug', async () => {
  const v = await verdict('roomy', (t) => t.replace(/(func\.func @clef\.roomy[\s\S]*?)arith\.constant 2000000 : i64/, '$1arith.constant 2000001 : i64'));
  assert.match(v, /^unknown: unknown: counterexample not replayed: the model is past what the replay runs: its arena holds \d+ bytes/, v);
  assert.not.match(v, /engine bug/, v);
});

test('only the replay-limit prefix is named as a limit', () => {
  assert.is(replayLimitDetail('both sides behave the same on the model'), null);
  assert.match(replayLimitDetail(`${REPLAY_LIMIT}the MLIR run takes more than 5 steps`) ?? '', /^unknown: counterexample not replayed: /);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
