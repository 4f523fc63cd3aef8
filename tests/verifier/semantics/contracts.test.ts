// Contracts: requires, ensures, assert, assume, loop invariants, decreases, match failure.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CExpr } from '../../../compiler/core/core.ts';
import { assign, at, call, fn, k, let_, ob, op, prim, program, run, seq, stopsWith, ty, unit, v, violationOf, while_, if_ } from './build.ts';

const S = at(1);
const math = (o: 'ge' | 'gt' | 'le' | 'lt' | 'eq' | 'add' | 'sub', a: CExpr, b: CExpr) =>
  prim(o, [a, b], o === 'add' || o === 'sub' ? ty.int : ty.bool, [], true);

test('requires is checked at the call and reported at the call site precondition', () => {
  const half = fn('half', [['n', ty.int]], ty.int, op('div', v('n'), k(2n)), { requires: [math('ge', v('n'), k(0n)), math('lt', v('n'), k(100n))] });
  const main = (arg: bigint) => fn('main', [], ty.int, call('half', [k(arg)], ty.int, [ob('precondition', 7, 3), ob('precondition', 7, 9)]));
  assert.is(violationOf(run(program([half, main(10n)])).result), 'exit 5');
  assert.is(violationOf(run(program([half, main(-2n)])).result), 'precondition@7:3');
  assert.is(violationOf(run(program([half, main(200n)])).result), 'precondition@7:9');
  assert.is(violationOf(run(program([half, main(-2n)]), { checks: false }).result), 'exit 255');
});

test('ensures is checked on return with result bound, over mathematical integers', () => {
  const ens = [math('ge', v('result'), k(0n))];
  const id = fn('id', [['n', ty.int]], ty.int, v('n'), { ensures: ens, obs: [ob('postcondition', 3, 4)] });
  const main = (arg: bigint) => fn('main', [], ty.int, call('id', [k(arg)], ty.int));
  assert.is(violationOf(run(program([id, main(4n)])).result), 'exit 4');
  assert.is(violationOf(run(program([id, main(-4n)])).result), 'postcondition@3:4');
  assert.is(violationOf(run(program([id, main(-4n)]), { checks: false }).result), 'exit 252');
  // result + 1 > result holds for MaxValue in contracts: no wrapping there.
  const max = fn('max', [], ty.int, k((1n << 63n) - 1n), { ensures: [math('gt', math('add', v('result'), k(1n)), v('result'))] });
  assert.is(violationOf(run(program([max, fn('main', [], ty.int, seq(call('max', []), k(0n)))])).result), 'exit 0');
});

test('Contract.assert and Contract.assume', () => {
  const asrt = (c: boolean): CExpr => ({ kind: 'Assert', cond: k(c, ty.bool), obs: [ob('assertion', 5, 5)], ty: ty.unit, span: S });
  assert.is(stopsWith(asrt(false)), 'assertion@5:5');
  assert.is(stopsWith(asrt(true)), 'ok');
  assert.is(stopsWith(asrt(false), false), 'ok');
  const assume: CExpr = { kind: 'Assume', cond: k(false, ty.bool), ty: ty.unit, span: at(6, 2) };
  assert.is(stopsWith(assume), 'assumption@6:2');
  assert.is(stopsWith(assume, false), 'ok');
});

test('loop invariants are checked at the top of every iteration, not at the exit', () => {
  // i from 0 while i < 5 do (invariant 0 <= i; invariant i <= limit; i <- i + 1)
  const loop = (limit: bigint, start = 0n) => let_('i', k(start), seq(
    while_(op('lt', v('i'), k(5n)), assign('i', op('add', v('i'), k(1n))), {
      invariants: [math('ge', v('i'), k(0n)), math('le', v('i'), k(limit))],
      obs: [ob('invariant', 10), ob('invariant', 11)],
    }),
    v('i'),
  ), true);
  assert.is(stopsWith(loop(4n)), 'ok'); // i = 5 at the exit is not checked
  assert.is(stopsWith(loop(3n)), 'invariant@11:1'); // fails in the last iteration
  assert.is(stopsWith(loop(-1n)), 'invariant@11:1'); // fails in the first
  assert.is(stopsWith(loop(5n, -1n)), 'invariant@10:1');
  assert.is(stopsWith(loop(-1n, 5n)), 'ok'); // no iteration, nothing checked
  assert.is(stopsWith(loop(-1n), false), 'ok');
});

test('loop decreases must stay >= 0 and strictly decrease', () => {
  const loop = (measure: CExpr, step: bigint) => let_('i', k(0n), seq(
    while_(op('lt', v('i'), k(5n)), assign('i', op('add', v('i'), k(step))), { decreases: measure, obs: [ob('termination', 12, 3)] }),
    v('i'),
  ), true);
  assert.is(stopsWith(loop(math('sub', k(5n), v('i')), 1n)), 'ok');
  assert.is(stopsWith(loop(math('sub', k(3n), v('i')), 1n)), 'termination@12:3'); // goes negative
  assert.is(stopsWith(loop(math('sub', k(5n), v('i')), 0n), true), 'termination@12:3'); // does not decrease
  assert.is(stopsWith(loop(math('sub', k(3n), v('i')), 1n), false), 'ok');
});

test('recursive decreases: each nested call of the function must lower the measure', () => {
  // down n = if n <= 0 then 0 else down (n - step)
  const down = (step: bigint) => fn('down', [['n', ty.int]], ty.int,
    if_(op('le', v('n'), k(0n)), k(0n), call('down', [op('sub', v('n'), k(step))], ty.int, [ob('termination', 21, 7)])),
    { decreases: v('n'), obs: [ob('termination', 20)] });
  const main = (arg: bigint) => fn('main', [], ty.int, call('down', [k(arg)]));
  assert.is(violationOf(run(program([down(1n), main(10n)])).result), 'exit 0');
  assert.is(violationOf(run(program([down(0n), main(10n)]), { maxSteps: 10_000 }).result), 'termination@21:7');
  assert.is(violationOf(run(program([down(1n), main(-3n)])).result), 'termination@20:1'); // negative at entry
});

test('a match with no applicable case fails, checks or not', () => {
  const fail: CExpr = { kind: 'Fail', obs: [ob('match-exhaustive', 8, 2)], ty: ty.int, span: S };
  assert.is(stopsWith(fail), 'match-exhaustive@8:2');
  assert.is(stopsWith(fail, false), 'match-exhaustive@8:2');
});

test('forall and exists over inclusive integer ranges', () => {
  const q = (qq: 'forall' | 'exists', from: bigint, to: bigint, body: CExpr): CExpr => ({ kind: 'Quant', q: qq, var: 'j', from: k(from), to: k(to), body, ty: ty.bool, span: S });
  const jLt = (n: bigint) => math('lt', v('j'), k(n));
  const val = (e: CExpr) => run(program([fn('main', [], ty.int, if_(e, k(1n), k(0n)))])).result;
  assert.is(violationOf(val(q('forall', 0n, 9n, jLt(10n)))), 'exit 1');
  assert.is(violationOf(val(q('forall', 0n, 10n, jLt(10n)))), 'exit 0');
  assert.is(violationOf(val(q('exists', 0n, 10n, math('eq', v('j'), k(10n))))), 'exit 1');
  assert.is(violationOf(val(q('exists', 0n, 9n, math('eq', v('j'), k(10n))))), 'exit 0');
  assert.is(violationOf(val(q('forall', 5n, 4n, k(false, ty.bool)))), 'exit 1'); // empty range
  assert.is(violationOf(val(q('exists', 5n, 4n, k(true, ty.bool)))), 'exit 0');
});

test('contracts that fail inside contract evaluation report that fault', () => {
  const f = fn('f', [['n', ty.int]], ty.unit, unit(), { requires: [math('eq', prim('div', [k(1n), v('n')], ty.int, [ob('div-by-zero', 2)], true), k(1n))] });
  const main = fn('main', [], ty.int, seq(call('f', [k(0n)], ty.unit), k(0n)));
  assert.is(violationOf(run(program([f, main])).result), 'div-by-zero@2:1');
});

test.run();
