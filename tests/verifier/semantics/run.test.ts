// runCore: entry point, argv, stdin, output, exit codes, fuel and depth limits.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CExpr } from '../../../compiler/core/core.ts';
import { formatViolation } from '../../../verifier/semantics/run.ts';
import { DiagnosticError } from '../../../compiler/diagnostics.ts';
import {
  assign, at, builtin, call, fmtInt, fn, if_, k, let_, load, op, program, run, seq, ty, v, violationOf, while_, write, writeln,
} from './build.ts';

const S = at(1);
const argv = v('argv', ty.span(ty.string));
const len = (s: CExpr): CExpr => ({ kind: 'SpanLength', source: s, ty: ty.int, span: S });

test('output, and the exit code is main\'s result modulo 256', () => {
  const main = (code: bigint) => fn('main', [], ty.int, seq(write(k('a', ty.string)), writeln(k('b', ty.string)), k(code)));
  assert.equal(run(program([main(3n)])), { out: 'ab\n', result: { exitCode: 3 } });
  assert.equal(run(program([main(259n)])).result, { exitCode: 3 });
  assert.equal(run(program([main(-1n)])).result, { exitCode: 255 });
  const unitMain = fn('main', [['u', ty.unit]], ty.unit, writeln(k('x', ty.string)));
  assert.equal(run(program([unitMain])), { out: 'x\n', result: { exitCode: 0 } });
});

test('main receives argv as a Span<string>', () => {
  const main = fn('main', [['argv', ty.span(ty.string)]], ty.int, seq(writeln(load(argv, k(1n))), len(argv)));
  assert.equal(run(program([main]), { args: ['one', 'two', 'three'] }), { out: 'two\n', result: { exitCode: 3 } });
  assert.is(violationOf(run(program([main]), { args: ['one'] }).result), 'bounds@1:1');
});

test('Console.readln reads lines of stdin; "" at end of input', () => {
  const rd = builtin('Console.readln', [k(null, ty.unit)]);
  const main = fn('main', [], ty.int, seq(writeln(rd), writeln(rd), writeln(rd), k(0n)));
  assert.is(run(program([main]), { stdin: 'first\r\nsecond\n' }).out, 'first\nsecond\n\n');
});

test('Format.* texts', () => {
  const fmt = (name: Parameters<typeof builtin>[0], e: CExpr) => writeln(builtin(name, [e]));
  const main = fn('main', [], ty.int, seq(
    fmt('Format.int', k(-42n)),
    fmt('Format.uint64', k((1n << 64n) - 1n, ty.u64)),
    fmt('Format.float', op('add', k(0.1, ty.float), k(0.2, ty.float))),
    fmt('Format.float', k(5, ty.float)),
    fmt('Format.float', k(-0, ty.float)),
    fmt('Format.float', op('div', k(1, ty.float), k(0, ty.float))),
    fmt('Format.bool', k(true, ty.bool)),
    fmt('Format.char', k(0x41n, ty.char)),
    k(0n),
  ));
  assert.is(run(program([main])).out, '-42\n18446744073709551615\n0.30000000000000004\n5\n-0\nInfinity\ntrue\nA\n');
});

test('deep recursion does not overflow the JavaScript stack', () => {
  // sum n = if n = 0 then 0 else n + sum (n - 1), 50,000 frames deep.
  const sum = fn('sum', [['n', ty.int]], ty.int, if_(op('eq', v('n'), k(0n)), k(0n), op('add', v('n'), call('sum', [op('sub', v('n'), k(1n))]))));
  const main = fn('main', [], ty.int, seq(writeln(fmtInt(call('sum', [k(50_000n)]))), k(0n)));
  const r = run(program([sum, main]), { maxSteps: 10_000_000 });
  assert.is(r.out, '1250025000\n');
  assert.is(violationOf(r.result), 'exit 0');
  const limited = run(program([sum, main]), { maxSteps: 10_000_000, maxDepth: 1000 });
  assert.is(violationOf(limited.result), 'stack overflow@1:1');
});

test('the step limit stops a program that does not terminate', () => {
  const main = fn('main', [], ty.int, seq(while_(k(true, ty.bool), { kind: 'Const', value: null, ty: ty.unit, span: at(4, 5) }), k(0n)));
  const r = run(program([main]), { maxSteps: 5000 });
  assert.ok('violation' in r.result && r.result.violation.category === 'step limit');
});

test('a loop with a mutable counter', () => {
  const main = fn('main', [], ty.int, let_('i', k(0n), let_('acc', k(0n), seq(
    while_(op('lt', v('i'), k(100n)), seq(assign('acc', op('add', v('acc'), v('i'))), assign('i', op('add', v('i'), k(1n))))),
    writeln(fmtInt(v('acc'))),
    k(0n),
  ), true), true));
  assert.is(run(program([main])).out, '4950\n');
});

test('formatViolation is the CLI line', () => {
  const v1 = { category: 'bounds', span: { file: 'a.clef', start: 0, end: 1, line: 3, col: 14 }, message: 'x' };
  assert.is(formatViolation(v1), 'runtime error: bounds at a.clef:3:14');
});

test('a program without an entry point is a diagnostic, not a crash', () => {
  const lib = program([fn('f', [], ty.int, k(0n))]);
  assert.throws(() => run(lib), (e: unknown) => e instanceof DiagnosticError);
});

test.run();
