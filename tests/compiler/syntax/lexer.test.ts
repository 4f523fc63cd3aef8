import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DiagnosticError } from '../../../compiler/diagnostics.ts';
import { lex, type Token } from '../../../compiler/syntax/lexer.ts';

const tokens = (src: string) => lex('t.clef', src).tokens;
const kinds = (src: string) => tokens(src).map((t) => `${t.kind}:${t.text}`);
const one = (src: string): Token => {
  const ts = tokens(src);
  assert.is(ts.length, 1, `one token in ${src}`);
  return ts[0]!;
};
function lexError(src: string): { message: string; line: number; col: number } {
  try {
    lex('t.clef', src);
  } catch (e) {
    assert.ok(e instanceof DiagnosticError, 'a DiagnosticError');
    const d = e.diagnostics[0]!;
    return { message: d.message, line: d.span.line, col: d.span.col };
  }
  throw new Error(`no error for ${JSON.stringify(src)}`);
}

test('identifiers, keywords and operators', () => {
  assert.equal(kinds('let rec f x\' = x |> g'), ['keyword:let', 'keyword:rec', 'ident:f', "ident:x'", 'op:=', 'ident:x', 'op:|>', 'ident:g']);
  assert.equal(kinds('a <<< b >>> c &&& d ||| e ^^^ ~~~f'), [
    'ident:a', 'op:<<<', 'ident:b', 'op:>>>', 'ident:c', 'op:&&&', 'ident:d', 'op:|||', 'ident:e', 'op:^^^', 'op:~~~', 'ident:f',
  ]);
  assert.equal(kinds('[<A>] [| 1 |] s.[i] <- x -> y'), [
    'op:[<', 'ident:A', 'op:>]', 'op:[|', 'int:1', 'op:|]', 'ident:s', 'op:.[', 'ident:i', 'op:]', 'op:<-', 'ident:x', 'op:->', 'ident:y',
  ]);
  assert.equal(kinds('0..n'), ['int:0', 'op:..', 'ident:n']);
  assert.equal(kinds('_ x_1'), ['ident:_', 'ident:x_1']);
});

test('integer literals with every suffix, hex, octal, binary and underscores', () => {
  const cases: [string, bigint, string, number][] = [
    ['42', 42n, '', 10], ['42y', 42n, 'y', 10], ['42uy', 42n, 'uy', 10], ['42s', 42n, 's', 10], ['42us', 42n, 'us', 10],
    ['42l', 42n, 'l', 10], ['42u', 42n, 'u', 10], ['42L', 42n, 'L', 10], ['42UL', 42n, 'UL', 10], ['42ul', 42n, 'UL', 10],
    ['42n', 42n, 'n', 10], ['42un', 42n, 'un', 10], ['0x1F', 31n, '', 16], ['0xFFuy', 255n, 'uy', 16], ['0b1010', 10n, '', 2],
    ['0o17', 15n, '', 8], ['1_000_000', 1000000n, '', 10], ['0xFFFF_FFFFu', 4294967295n, 'u', 16],
    ['18446744073709551615UL', 18446744073709551615n, 'UL', 10],
  ];
  for (const [src, value, suffix, radix] of cases) {
    const t = one(src);
    assert.is(t.kind, 'int', src);
    assert.equal(t.int, { value, suffix: suffix as never, radix: radix as never }, src);
  }
});

test('float literals', () => {
  const cases: [string, number, boolean][] = [
    ['3.14', 3.14, false], ['1e-3', 0.001, false], ['1E+3', 1000, false], ['2.5f', Math.fround(2.5), true], ['1.', 1, false],
    ['1.5e3', 1500, false], ['0.1f', Math.fround(0.1), true], ['2f', 2, true],
  ];
  for (const [src, value, single] of cases) {
    const t = one(src);
    assert.is(t.kind, 'float', src);
    assert.equal(t.float, { value, single }, src);
  }
});

test('char and string literals with escapes', () => {
  assert.is(one("'a'").char, 97);
  assert.is(one("'\\n'").char, 10);
  assert.is(one("'\\''").char, 39);
  assert.is(one("'\\\\'").char, 92);
  assert.is(one("'\\u0041'").char, 65);
  assert.is(one("'\"'").char, 34);
  assert.is(one('"a\\tb\\n\\\\ \\"q\\" \\r\\0"').str, 'a\tb\n\\ "q" \r\0');
  assert.is(one('"\\u00e9"').str, 'é');
  assert.is(one('"""raw "quoted" \\n"""').str, 'raw "quoted" \\n');
  assert.is(one('@"C:\\dir ""x"""').str, 'C:\\dir "x"');
  // F# keeps an unknown escape as written.
  assert.is(one('"\\q"').str, '\\q');
});

test('interpolated strings are one token with their holes and offsets', () => {
  const src = '$"x = {Format.int x}, {{braces}} {f "s"}!"';
  const t = one(src);
  assert.is(t.kind, 'interp');
  assert.equal(t.parts, [
    { kind: 'text', value: 'x = ' },
    { kind: 'hole', text: 'Format.int x', offset: src.indexOf('Format') },
    { kind: 'text', value: ', {braces} ' },
    { kind: 'hole', text: 'f "s"', offset: src.indexOf('f "s"') },
    { kind: 'text', value: '!' },
  ]);
});

test('comments: line, doc and nested block comments are skipped and recorded', () => {
  const src = 'a // one\n/// doc\nb (* x (* nested *) y *) c (*) d';
  const l = lex('t.clef', src);
  assert.equal(l.tokens.map((t) => t.text), ['a', 'b', 'c', '(', '*', ')', 'd']);
  assert.is(l.comments.length, 3);
  assert.is(src.slice(l.comments[2]!.start, l.comments[2]!.end), '(* x (* nested *) y *)');
  // A string inside a comment may hold "*)".
  assert.equal(tokens('(* "*)" *) z').map((t) => t.text), ['z']);
});

test('token positions are 1-based lines and columns', () => {
  const ts = tokens('let x =\n    "two\nlines" + y');
  const y = ts[ts.length - 1]!;
  assert.equal([y.line, y.col], [3, 10]);
  const s = ts[3]!;
  assert.equal([s.kind, s.line, s.col], ['string', 2, 5]);
});

test('a tab anywhere is an error naming its line', () => {
  const e = lexError('let x = 1\nlet y =\t2\n');
  assert.equal(e, { message: 'tab characters are not allowed in Clef source; use spaces', line: 2, col: 8 });
  assert.is(lexError('// a comment\t\n').line, 1);
});

test('unterminated strings, comments and chars are reported at their start', () => {
  assert.equal(lexError('let s =\n    "abc\n'), { message: 'unterminated string literal', line: 2, col: 5 });
  assert.equal(lexError('x (* a (* b *) c\n\n'), { message: 'unterminated comment: this (* has no matching *)', line: 1, col: 3 });
  assert.equal(lexError('let s = $"a {x"'), { message: 'unterminated interpolated string', line: 1, col: 9 });
  assert.is(lexError("let c = '\\n").message, 'unterminated character literal');
});

test('bad numbers and characters', () => {
  assert.match(lexError('let x = 12abc').message, /invalid number literal '12a/);
  assert.match(lexError('let x = 12q').message, /unknown suffix 'q'/);
  assert.match(lexError('let x = 1.5m').message, /decimal literals are not supported yet/);
  assert.match(lexError('let x = 0x').message, /expected digits after '0x'/);
  assert.match(lexError('let x = 1_').message, /cannot end with "_"/);
  assert.equal(lexError('let x = a ` b'), { message: "unexpected character '`'", line: 1, col: 11 });
  assert.match(lexError('let x = "\\u12"').message, /expected 4 hex digits/);
});

test('a byte-order mark is skipped and does not count as a column', () => {
  const ts = tokens('\ufefflet x = 1\nlet y = 2');
  assert.equal([ts[0]!.text, ts[0]!.col, ts[4]!.col], ['let', 1, 1]);
});

test('type variables are their own token (reported as unsupported later)', () => {
  assert.equal(kinds("x: 'T"), ['ident:x', 'op::', "typevar:'T"]);
});

test.run();
