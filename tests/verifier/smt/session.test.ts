// Long-lived native z3 sessions (verifier/smt/session.ts): one process answers query after
// query, each from a clean state; a session that overruns or dies is replaced.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { closeSessions, runInSession } from '../../../verifier/smt/session.ts';
import { Z3_PATH } from '../../../verifier/smt/native.ts';
import { checkQuery, backendByName } from '../../../verifier/smt/solver.ts';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort } from '../../../verifier/smt/term.ts';

const haveZ3 = existsSync(Z3_PATH);
const ARGS = ['-in', '-smt2'];
// x * x = 25 over 32 bits: a little search, a resource count in the hundreds of thousands
const SQUARE = '(set-option :timeout 10000)\n(declare-fun x () (_ BitVec 32))\n(assert (= (bvmul x x) #x00000019))\n(check-sat)\n(get-info :all-statistics)\n';
const rlimit = (out: string) => Number(/:rlimit-count\s+(\d+)/.exec(out)?.[1]);

if (!haveZ3) console.log(`(skipping: ${Z3_PATH} not installed)`);

test('one session answers many queries, each from a clean state (same answer and resource count)', async () => {
  if (!haveZ3) return;
  const a = await runInSession(Z3_PATH, ARGS, SQUARE, 20_000);
  // the same name at another sort: only accepted if (reset) cleared the last query
  const b = await runInSession(Z3_PATH, ARGS, '(declare-fun x () Bool)\n(assert (and x (not x)))\n(check-sat)\n', 20_000);
  const c = await runInSession(Z3_PATH, ARGS, SQUARE, 20_000);
  assert.is(a.stdout.trim().split('\n')[0], 'sat', a.stdout);
  assert.is(b.stdout.trim(), 'unsat', b.stdout);
  assert.is(c.stdout.trim().split('\n')[0], 'sat');
  assert.ok(rlimit(a.stdout) > 1000, a.stdout);
  // the resource count of a query does not depend on what the session ran before
  assert.is(rlimit(c.stdout), rlimit(a.stdout));
  for (const r of [a, b, c]) assert.ok(!r.timedOut && !r.died && !r.spawnError, JSON.stringify(r));
});

test('an answer is cut exactly at the marker: nothing of it leaks into the next answer', async () => {
  if (!haveZ3) return;
  const outs = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      runInSession(Z3_PATH, ARGS, `(declare-fun v () (_ BitVec 8))\n(assert (= v #x${i.toString(16).padStart(2, '0')}))\n(check-sat)\n(get-value (v))\n`, 20_000),
    ),
  );
  outs.forEach((r, i) => assert.is(r.stdout.trim(), `sat\n((v #x${i.toString(16).padStart(2, '0')}))`));
});

test('a session that does not answer in time is killed, and the next query gets a new one', async () => {
  if (!haveZ3) return;
  // an unclosed parenthesis: z3 waits for the rest of the command and never echoes the marker
  const t0 = performance.now();
  const hung = await runInSession(Z3_PATH, ARGS, '(assert (= 1 1)\n', 300);
  assert.ok(hung.timedOut, JSON.stringify(hung));
  assert.ok(performance.now() - t0 < 30_000);
  const next = await runInSession(Z3_PATH, ARGS, '(check-sat)\n', 20_000);
  assert.is(next.stdout.trim(), 'sat');
});

test('an answer that is already there when the time limit passes is taken, not killed', async () => {
  if (!haveZ3) return;
  // the event loop is busy past the limit (as when another check computes for a long time)
  // while z3 answers at once: the answer and the kill are due together
  const run = runInSession(Z3_PATH, ARGS, '(check-sat)\n', 300);
  for (let i = 0; i < 20; i++) await Promise.resolve(); // the script is written
  const until = Date.now() + 1500;
  while (Date.now() < until) {
    // busy, as a long symbolic execution is
  }
  const r = await run;
  assert.not.ok(r.timedOut, 'killed although the answer was there');
  assert.is(r.stdout.trim(), 'sat');
});

test('a process that dies, or cannot be started, is an error, never an answer', async () => {
  if (!haveZ3) return;
  const died = await runInSession(Z3_PATH, ARGS, '(exit)\n', 20_000);
  assert.ok(died.died, JSON.stringify(died));
  assert.not.ok(died.timedOut);
  const missing = await runInSession('/nonexistent/z3', ARGS, '(check-sat)\n', 20_000);
  assert.ok(missing.spawnError, JSON.stringify(missing));
  // and the z3-native back end says so as unknown
  const f = new TermFactory();
  const x = f.var('x', bvSort(8));
  const r = await checkQuery({ assertions: [f.eq(x, f.bv(1, 8))], wantModel: [x] }, { backend: backendByName('z3-native') });
  assert.is(r.status, 'sat', r.reason);
  assert.is(r.model!.get('x'), 1n);
});

test.after(() => closeSessions());
test.run();
