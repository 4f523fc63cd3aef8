import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DiagnosticError, spanMaker } from '../../../compiler/diagnostics.ts';
import { layout, type Layout } from '../../../compiler/syntax/layout.ts';
import { lex } from '../../../compiler/syntax/lexer.ts';
import { parseProgram } from '../../../compiler/syntax/parse.ts';

function run(src: string): Layout {
  const l = lex('t.clef', src);
  return layout(src, l.tokens, l.comments, spanMaker('t.clef', src));
}
/** The layout text with the virtual tokens made visible: { } for blocks, ; for new items.
 *  Spaces are dropped (the layout keeps one only where two tokens would run together). */
function show(src: string): string {
  return run(src)
    .text.replace(/ /g, '')
    .replace(/\uE000/g, '{')
    .replace(/\uE001/g, '}')
    .replace(/\uE002/g, ';')
    .replace(/\uE003/g, '~')
    .replace(/\uE004/g, '<');
}
/** Compares layout renderings without spaces. */
function same(actual: string, expected: string): void {
  assert.is(actual, expected.replace(/ /g, ''));
}
function layoutError(src: string): { message: string; line: number; col: number } {
  try {
    run(src);
  } catch (e) {
    assert.ok(e instanceof DiagnosticError);
    const d = e.diagnostics[0]!;
    return { message: d.message, line: d.span.line, col: d.span.col };
  }
  throw new Error('no layout error');
}

test('a deeper line after an opener opens a block; same column separates; dedent closes', () => {
  same(show('let f x =\n    let y = 1\n    y + x\nlet z = 2\n'), 'let f x ={ let y = 1; y + x}; let z = 2');
  same(show('if a then\n    b\nelse\n    c'), 'if a then{ b} else{ c}');
  same(show('while i < n do\n    i <- i + 1\n    f i'), 'while i < n do{ i <- i + 1; f i}');
});

test('continuation lines: deeper lines, leading operators and keywords, trailing operators', () => {
  same(show('let x = f a\n          b\nlet y = 1'), 'let x = f a b; let y = 1');
  same(show('let x =\n    a\n    |> f\n    |> g'), 'let x ={ a |> f |> g}');
  same(show('let x =\n    a +\n    b'), 'let x ={ a + b}');
  same(show('let t =\n    a,\n    b'), 'let t ={ a, b}');
  same(show('match x with\n| A -> 1\n| B -> 2'), 'match x with | A -> 1 | B -> 2');
  same(show('let rec f x = g x\nand g x = f x'), 'let rec f x = g x and g x = f x');
  // An infix operator may stick out to the left of the block by its width (F#).
  same(show('let x =\n    a\n  + b'), 'let x ={ a + b}');
});

test('attributes on their own lines belong to the next declaration', () => {
  same(show('[<EntryPoint>]\n[<Struct>]\nlet main _ = 0'), '[<EntryPoint>] [<Struct>] let main _ = 0');
});

test('match cases, with bodies in blocks', () => {
  same(
    show('let f x =\n    match x with\n    | 1 ->\n        let y = 2\n        y\n    | _ -> 0\n'),
    'let f x ={ match x with | 1 ->{ let y = 2; y} | _ -> 0}',
  );
  same(show('match x with\n    | A -> 1\n    | B -> 2'), 'match x with{ | A -> 1 | B -> 2}');
});

test('brackets: items at the first column inside {} and [||] are separated, () continues', () => {
  same(show('let p =\n    { X = 1\n      Y = 2 }'), 'let p ={ { X = 1; Y = 2 }}');
  same(show('type P = {\n    X: int\n    Y: int\n}'), 'type P = { X: int; Y: int }');
  same(show('let a = [|\n    1\n    2\n|]'), 'let a = [| 1; 2 |]');
  same(show('let x = f (a,\n           b)'), 'let x = f (a, b)');
  same(show('let r2 =\n    { r with\n        A = 3\n        B = 4 }'), 'let r2 ={ { r with{ A = 3; B = 4} }}');
  // A closing bracket closes the blocks opened inside it.
  same(show('let x = (if a then\n            b\n         else c)'), 'let x = (if a then{ b} else c)');
});

test('comments and blank lines disappear; every offset maps back to the source', () => {
  const src = 'let x = 1 // one\n\n(* two\n   lines *)\nlet y =\n    x';
  const l = run(src);
  same(show(src), 'let x = 1; let y ={ x}');
  // Every real character maps to the same character in the source.
  for (let t = 0; t < l.text.length; t++) {
    const c = l.text[t]!;
    if (l.isVirtual(t) || c === ' ') continue;
    assert.is(src[l.toOriginal(t)], c, `offset ${t}`);
  }
  // A virtual token maps to the end of the token before it.
  const sep = l.text.indexOf('\uE002');
  assert.is(l.toOriginal(sep), src.indexOf('1') + 1);
});

test('adjacent prefix minus and type arguments are marked', () => {
  same(show('f -1'), 'f ~1');
  same(show('f - 1'), 'f - 1');
  same(show('f-1'), 'f-1');
  same(show('let x = -1'), 'let x = -1');
  same(show('NativePtr.stackalloc<int> 8'), 'NativePtr.stackalloc<int> 8');
  assert.ok(run('NativePtr.stackalloc<int> 8').text.includes('\uE004'));
  assert.ok(run('f<Span<byte>> x').text.includes('\uE004'));
  assert.not.ok(run('if i<n then 1 else 2').text.includes('\uE004'));
  assert.not.ok(run('a < b').text.includes('\uE004'));
});

test('inconsistent dedent is a clean error, quickly', () => {
  const t0 = performance.now();
  assert.equal(layoutError('let a =\n  b\n c\n'), { message: 'inconsistent indentation (offside): expected column 3', line: 3, col: 2 });
  // Through the whole parser too.
  try {
    parseProgram('t.clef', 'let a =\n  b\n c\n');
    assert.unreachable('no error');
  } catch (e) {
    assert.ok(e instanceof DiagnosticError);
    assert.match(e.message, /^t\.clef:3:2: error: inconsistent indentation \(offside\): expected column 3/);
  }
  assert.ok(performance.now() - t0 < 1000);
  assert.equal(layoutError('  let a = 1\nlet b = 2'), { message: 'inconsistent indentation (offside): expected column 3', line: 2, col: 1 });
  assert.equal(layoutError('let main _ =\n    let a = 1\n   let b = 2\n    a + b').line, 3);
});

test('bracket errors name the bracket', () => {
  assert.equal(layoutError('let x = (1 + 2\nlet y = 3'), { message: "this '(' is never closed (expected ')')", line: 1, col: 9 });
  assert.equal(layoutError('let x = [| 1; 2 )'), {
    message: "unexpected ')': expected '|]' to close the '[|' at line 1, column 9",
    line: 1,
    col: 17,
  });
  assert.equal(layoutError('let x = 1)'), { message: "unexpected ')': there is no open bracket to close", line: 1, col: 10 });
});

test('top-level items are recorded for separate matching', () => {
  const l = run('let a = 1\nlet b =\n    (1,\n     2)\ntype T = int');
  assert.equal(
    l.items.map((r) => l.text.slice(r.start, r.end).replace(/ /g, '')),
    ['leta=1', 'letb=\uE000(1,2)\uE001', 'typeT=int'],
  );
});

test.run();
