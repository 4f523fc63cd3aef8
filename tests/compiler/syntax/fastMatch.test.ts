// The compiled matcher (fastMatch.ts) against ohm's own: on every top-level item of the
// corpus (good, bad and bugs), of generated programs and of mutants of them, both must agree
// on success and give the same concrete syntax tree node for node (rule, kind, length, child
// offsets), so the AST built from it is the same.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { spanMaker } from '../../../compiler/diagnostics.ts';
import { generateBatch, programOf } from '../../../compiler/gen/program.ts';
import { FastMatcher } from '../../../compiler/syntax/fastMatch.ts';
import { clefGrammar } from '../../../compiler/syntax/grammar.ts';
import { layout } from '../../../compiler/syntax/layout.ts';
import { lex } from '../../../compiler/syntax/lexer.ts';
import { parseExpr, parseProgram, parserOptions } from '../../../compiler/syntax/parse.ts';
import { prng } from '../../helpers/prng.ts';

const fast = new FastMatcher(clefGrammar as never);

type Raw = {
  ctorName: string;
  matchLength: number;
  children?: Raw[];
  childOffsets?: number[];
  isTerminal(): boolean;
  isNonterminal(): boolean;
  isIteration(): boolean;
  isOptional?(): boolean;
};

/** Where two trees first differ, or null. */
function difference(a: Raw, b: Raw, path: string): string | null {
  if (a.ctorName !== b.ctorName) return `${path}: ${a.ctorName} vs ${b.ctorName}`;
  if (a.matchLength !== b.matchLength) return `${path}/${a.ctorName}: length ${a.matchLength} vs ${b.matchLength}`;
  if (a.isTerminal() !== b.isTerminal() || a.isNonterminal() !== b.isNonterminal() || a.isIteration() !== b.isIteration()) {
    return `${path}/${a.ctorName}: node kind`;
  }
  if (a.isIteration() && a.isOptional!() !== b.isOptional!()) return `${path}: optional`;
  const ak = a.children ?? [];
  const bk = b.children ?? [];
  if (ak.length !== bk.length) return `${path}/${a.ctorName}: ${ak.length} vs ${bk.length} children`;
  if ((a.childOffsets ?? []).join() !== (b.childOffsets ?? []).join()) return `${path}/${a.ctorName}: child offsets`;
  for (let i = 0; i < ak.length; i++) {
    const d = difference(ak[i]!, bk[i]!, `${path}/${a.ctorName}[${i}]`);
    if (d !== null) return d;
  }
  return null;
}

/** Matches `text` both ways; returns a description of any disagreement. */
function compare(text: string, rule: 'TopItem' | 'Expr'): string | null {
  const f = fast.match(text, rule);
  const o = clefGrammar.match(text, rule) as unknown as { failed(): boolean; _cst: Raw; _cstOffset: number };
  if ((f === null) !== o.failed()) return `${rule} ${f === null ? 'failed' : 'matched'} but ohm ${o.failed() ? 'failed' : 'matched'}: ${JSON.stringify(text).slice(0, 160)}`;
  if (f === null) return null;
  if (f._cstOffset !== o._cstOffset) return `start offset ${f._cstOffset} vs ${o._cstOffset}`;
  const d = difference(f._cst as unknown as Raw, o._cst, rule);
  return d === null ? null : `${d} in ${JSON.stringify(text).slice(0, 160)}`;
}

/** The top-level items of a file as parse.ts matches them (null if lexing or layout rejects it). */
function items(text: string): string[] | null {
  try {
    const span = spanMaker('t.clef', text);
    const { tokens, comments } = lex('t.clef', text, span);
    const lay = layout(text, tokens, comments, span);
    return lay.items.map((r) => lay.text.slice(r.start, r.end)).filter((c) => c.trim() !== '');
  } catch {
    return null;
  }
}


const TOKENS = ['(', ')', '[|', '|]', '{', '}', '[<', '>]', '=', '->', '|', 'let', 'in', 'then', 'else', 'match', 'with', '"', "'",
  '$"{', ',', ';', '.[', '<-', '-', '<', '>', '.', '..', ':', 'int', '<int>', 'forall', 'not', 'as', '1.5', '0b1', '\n    ', '\n'];

function mutate(src: string, rnd: () => number): string {
  let text = src;
  for (let r = 0; r < 1 + Math.floor(rnd() * 3); r++) {
    const at = Math.floor(rnd() * (text.length + 1));
    const k = Math.floor(rnd() * 3);
    if (k === 0) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 4));
    else if (k === 1) text = text.slice(0, at) + text.slice(at, at + 1 + Math.floor(rnd() * 6)) + text.slice(at);
    else text = text.slice(0, at) + TOKENS[Math.floor(rnd() * TOKENS.length)]! + text.slice(at);
  }
  return text;
}

const corpusDir = new URL('../../../corpus/', import.meta.url);
const corpus = ['', 'bad/', 'bugs/'].flatMap((sub) =>
  readdirSync(new URL(sub, corpusDir))
    .filter((f) => f.endsWith('.clef'))
    .sort()
    .map((f) => readFileSync(new URL(sub + f, corpusDir), 'utf8')),
);

function checkAll(texts: string[]): { matches: number; failures: number } {
  let matches = 0;
  let failures = 0;
  for (const text of texts) {
    for (const chunk of items(text) ?? []) {
      const d = compare(chunk, 'TopItem');
      assert.is(d, null);
      matches++;
      if (fast.match(chunk, 'TopItem') === null) failures++;
    }
  }
  return { matches, failures };
}

test('the corpus (good, bad, bugs): the same trees as ohm', () => {
  const { matches } = checkAll(corpus);
  assert.ok(matches > 300, `only ${matches} items`);
});

test('generated programs: the same trees as ohm', () => {
  checkAll([programOf(generateBatch(20_250_301, 0, 10), 'b0')]);
});

test('mutants of the corpus: the same successes, failures and trees as ohm', () => {
  const rnd = prng(2026);
  const { failures } = checkAll(Array.from({ length: 150 }, (_, i) => mutate(corpus[i % corpus.length]!, rnd)));
  assert.ok(failures > 10, 'the mutants exercise failing matches');
});

test('expressions (contract strings, interpolation holes): the same trees as ohm', () => {
  for (const x of ['1 + 2 * 3', 'f x -1 y.[i].A', 'forall i in 0 .. n -> a.[i] >= 0', 'if a then b else c', '(x: int)', '(+)',
    'let x = 1 in x', 'match x with | A -> 1 | B y when y > 0 -> 2', '$"a {x} {{b}} {f "}"}"', '{ r with X = 1 }', '[| 1; 2 |]',
    'stackalloc<int> 4', "'a' :: 1.5e3f", '(', 'a.[', '0x_1', '@"x""y"', '"""t"""', '1 |> (fun x -> x)', 'a <- b, c']) {
    assert.is(compare(x, 'Expr'), null);
  }
});

test('a failed match is reported by ohm: the same diagnostic as with ohm alone', () => {
  for (const src of ['let f x = (x +\n', 'let x = [| 1; 2\n', 'type T = | A of\n', 'let g = match x with\n']) {
    const message = (f: () => unknown): string => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return String((e as { diagnostics?: unknown }).diagnostics ? JSON.stringify((e as { diagnostics: unknown }).diagnostics) : e);
      }
    };
    const fastWay = message(() => parseProgram('t.clef', src));
    parserOptions.ohmSemantics = true;
    try {
      assert.is(fastWay, message(() => parseProgram('t.clef', src)));
    } finally {
      parserOptions.ohmSemantics = false;
    }
    assert.match(fastWay, /"line"/);
  }
});

test('nested parentheses in types, patterns and expressions stay linear (memoized where alternatives re-read)', () => {
  const d = 60;
  const type = '('.repeat(d) + 'int' + ')'.repeat(d);
  const pat = '('.repeat(d) + 'x' + ')'.repeat(d);
  const expr = '('.repeat(d) + '1' + ')'.repeat(d);
  const t0 = process.cpuUsage();
  parseProgram('t.clef', `let f (${pat} : ${type}) : ${type} = ${expr}\n`);
  parseExpr('e.clef', `[| ${expr}; ${'[| '.repeat(d)}1${' |]'.repeat(d)} |]`);
  const t = process.cpuUsage(t0);
  assert.ok(t.user + t.system < 2_000_000, `${(t.user + t.system) / 1000} ms of CPU`);
});

test.run();
