import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { DiagnosticError, formatDiagnostic } from '../../../compiler/diagnostics.ts';
import { parseProgram } from '../../../compiler/syntax/parse.ts';

/** `file:line:col: error: message` of the first diagnostic, or 'ok'. */
function report(src: string): string {
  try {
    parseProgram('t.clef', src);
    return 'ok';
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    const d = e.diagnostics[0]!;
    return `${d.span.file}:${d.span.line}:${d.span.col}: ${d.severity}: ${d.message}`;
  }
}

test('syntax errors say what was expected and what was found, at the right place', () => {
  assert.is(report('let clamp (x: int) : int if x > 255 then 255 else x'), "t.clef:1:26: error: expected '=', but found 'if'");
  assert.is(report('let f x = if x > 0 foo'), "t.clef:1:23: error: expected 'then', but found end of file");
  assert.is(report('let f x = x +'), 't.clef:1:14: error: expected an expression, but found end of file');
  assert.is(report('let x = (1, )'), "t.clef:1:13: error: expected an expression, but found ')'");
  assert.is(report('let f x =\n    match x with\n    | 1 2 -> 3'), "t.clef:3:9: error: expected '->', 'when', 'as', '|' or ',', but found '2'");
  assert.is(report('type T = { X: int; Y }'), "t.clef:1:22: error: expected ':', but found '}'");
  assert.is(report('let x = while true 1'), "t.clef:1:21: error: expected 'do', but found end of file");
  assert.is(report('type Point { X: int }'), "t.clef:1:12: error: expected '=', but found '{'");
  assert.is(report('foo 1'), "t.clef:1:1: error: expected 'module', 'open', 'type' or 'let', but found 'foo'");
});

test('a construct cut off by the end of a block says so (never a private-use character)', () => {
  const r = report('let f x =\n    if x then\n        1\n    else\nlet y = 2');
  assert.is(r, 't.clef:4:9: error: expected an expression, but found end of block');
  const r2 = report('let f x =\n    g x\n    let y =\n    h y\nlet z = 1\n');
  assert.is(r2, 't.clef:3:12: error: expected an expression, but found new line');
  const r3 = report('let x =\nlet y = 1');
  assert.is(r3, 't.clef:1:8: error: expected an expression, but found new line');
  for (const s of [r, r2, r3]) assert.not.match(s, /[\uE000-\uF8FF]/);
});

test('bracket and layout errors', () => {
  assert.is(report('let x = (1 + 2\nlet y = 3'), "t.clef:1:9: error: this '(' is never closed (expected ')')");
  assert.is(report('let a =\n  b\n c\n'), 't.clef:3:2: error: inconsistent indentation (offside): expected column 3');
  assert.is(report('let x = [| 1; 2 )'), "t.clef:1:17: error: unexpected ')': expected '|]' to close the '[|' at line 1, column 9");
  assert.is(report('let x =\tbad'), 't.clef:1:8: error: tab characters are not allowed in Clef source; use spaces');
});

test('constructs outside Clef v1: "not supported yet", naming the construct, at the construct', () => {
  const cases: [string, string, string][] = [
    ['let f = fun x -> x + 1', '1:9', '`fun` lambdas'],
    ['let f x =\n    function\n    | 1 -> 2', '2:5', '`function`'],
    ['let f x =\n    try g x with _ -> 0', '2:5', '`try`/`with`'],
    ['let f x = failwith "no"', '1:11', '`failwith`'],
    ['let f x = raise x', '1:11', '`raise`'],
    ['let s = seq { yield 1 }', '1:9', '`seq { }`'],
    ['let a = async { return 1 }', '1:9', '`async { }`'],
    ['let l = lazy (1 + 2)', '1:9', '`lazy`'],
    ['type C() =\n    member this.X = 1', '1:1', 'classes'],
    ['type I =\n    abstract M : int', '2:5', '`abstract`'],
    ['let id (x: \'T) = x', '1:12', "'T"],
    ['[<Measure>] type m', '1:1', 'units of measure'],
    ['exception Oops of string', '1:1', 'exceptions'],
    ['let m = MailboxProcessor.Start 0', '1:9', '`MailboxProcessor`'],
    ['[<BARE>]\ntype Msg = { A: int }', '1:1', 'BARE'],
    ['let l = [1; 2]', '1:9', 'list literals'],
    ['let x = null', '1:9', '`null`'],
    ['let f = (+)', '1:9', 'operators as values'],
    ['module M =\n    let x = 1', '1:1', 'nested modules'],
    ['type T = { mutable X: int }', '1:12', 'mutable record fields'],
    ['let x = 1.5m', '1:9', 'decimal literals'],
  ];
  for (const [src, at, name] of cases) {
    const r = report(src);
    assert.ok(r.startsWith(`t.clef:${at}: error: `), `${src} -> ${r}`);
    assert.ok(r.includes('not supported yet') || r.includes('not supported'), `${src} -> ${r}`);
    assert.ok(r.includes(name), `${src} -> ${r} (should name ${name})`);
  }
});

test('member names that are F# keywords are fine after a dot', () => {
  assert.is(report('let main _ =\n    Contract.assert (1 = 1)\n    0'), 'ok');
});

test('formatDiagnostic shows the source line and a caret under the error', () => {
  const src = 'let f x =\n    x + * 2';
  try {
    parseProgram('t.clef', src);
    assert.unreachable();
  } catch (e) {
    assert.ok(e instanceof DiagnosticError);
    assert.is(formatDiagnostic(e.diagnostics[0]!, src), "t.clef:2:9: error: expected an expression, but found '*'\n        x + * 2\n            ^");
  }
});

// The bad corpus: whenever the parser rejects a program, it must be at the line:col the
// corpus expects and with its words.
const BAD = new URL('../../../corpus/bad/', import.meta.url);
test('bad corpus programs rejected by the parser are rejected where the corpus says', () => {
  if (!existsSync(BAD)) return;
  let checked = 0;
  for (const f of readdirSync(BAD).filter((n) => n.endsWith('.clef'))) {
    const errFile = new URL(f.replace(/\.clef$/, '.err'), BAD);
    if (!existsSync(errFile)) continue;
    const expected = readFileSync(errFile, 'utf8').trim();
    const m = /^(\d+):(\d+): (error|warning): (.*)$/.exec(expected);
    if (m === null || m[3] !== 'error') continue;
    const r = report(readFileSync(new URL(f, BAD), 'utf8'));
    if (r === 'ok') continue; // a type error or later: not the parser's
    checked++;
    assert.ok(r.startsWith(`t.clef:${m[1]}:${m[2]}: error: `), `${f}: got ${r}, expected ${expected}`);
    assert.ok(r.includes(m[4]!), `${f}: got ${r}, expected the words "${m[4]}"`);
  }
  assert.ok(checked > 0);
});

test.run();
