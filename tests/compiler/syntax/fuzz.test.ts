// Fuzzing the front door: mutants of real programs (deleted, duplicated and re-indented
// lines, deleted and duplicated characters, random tokens) must each end in an AST or a
// DiagnosticError, within a second: never another exception, never a hang.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { DiagnosticError } from '../../../compiler/diagnostics.ts';
import { parseProgram } from '../../../compiler/syntax/parse.ts';
import { prng } from '../../helpers/prng.ts';


const FALLBACK = [
  'type P = { X: int; Y: int }\n\nlet move (p: P) (dx: int) : P = { p with X = p.X + dx }\n',
  '[<Requires("n >= 0")>]\nlet f (n: int) : int =\n    let mutable s = 0\n    for i in 0 .. n do\n        if i % 2 = 0 then s <- s + i\n    s\n',
  'let main _ =\n    match Some 3 with\n    | Some v when v > 1 -> Console.writeln $"v={Format.int v}"\n    | _ -> ()\n    0\n',
];

function sources(): string[] {
  const dir = new URL('../../../corpus/', import.meta.url);
  if (!existsSync(dir)) return FALLBACK;
  const files = readdirSync(dir).filter((f) => f.endsWith('.clef')).sort();
  const texts = files.map((f) => readFileSync(new URL(f, dir), 'utf8'));
  return texts.length > 0 ? texts : FALLBACK;
}

const TOKENS = ['(', ')', '[|', '|]', '{', '}', '[<', '>]', '=', '->', '|', 'let', 'in', 'then', 'else', 'match', 'with', 'if',
  '"', "'", '$"{', '(*', '*)', '//', ',', ';', '.[', '<-', '-', '<', '>', 'fun', '0x', '1e', '_', '\u00e9', '\uE000', '\n    ', '\n'];

function mutate(src: string, rnd: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  let lines = src.split('\n');
  let text = src;
  const rounds = 1 + Math.floor(rnd() * 3);
  for (let r = 0; r < rounds; r++) {
    lines = text.split('\n');
    const li = Math.floor(rnd() * lines.length);
    const at = Math.floor(rnd() * (text.length + 1));
    switch (Math.floor(rnd() * 8)) {
      case 0: // delete a line
        lines.splice(li, 1);
        text = lines.join('\n');
        break;
      case 1: // duplicate a line
        lines.splice(li, 0, lines[li] ?? '');
        text = lines.join('\n');
        break;
      case 2: // change a line's indentation
        lines[li] = ' '.repeat(Math.floor(rnd() * 10)) + (lines[li] ?? '').trimStart();
        text = lines.join('\n');
        break;
      case 3: // delete characters
        text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 4));
        break;
      case 4: // duplicate characters
        text = text.slice(0, at) + text.slice(at, at + 1 + Math.floor(rnd() * 6)) + text.slice(at);
        break;
      case 5: // insert a random token
        text = text.slice(0, at) + pick(TOKENS) + text.slice(at);
        break;
      case 6: // swap two lines
        if (lines.length > 1) {
          const lj = Math.floor(rnd() * lines.length);
          [lines[li], lines[lj]] = [lines[lj]!, lines[li]!];
        }
        text = lines.join('\n');
        break;
      default: // insert a tab once in a while
        text = rnd() < 0.2 ? text.slice(0, at) + '\t' + text.slice(at) : text.slice(0, at) + ' ' + text.slice(at);
    }
  }
  return text;
}

test('mutated programs end in an AST or a DiagnosticError, each within a second', () => {
  const rnd = prng(0xc1ef);
  const srcs = sources();
  const N = 300;
  let asts = 0;
  let diagnostics = 0;
  let slowest = 0;
  for (let k = 0; k < N; k++) {
    const src = mutate(srcs[k % srcs.length]!, rnd);
    const t0 = performance.now();
    try {
      parseProgram('mutant.clef', src);
      asts++;
    } catch (e) {
      if (!(e instanceof DiagnosticError)) {
        assert.ok(false, `mutant ${k} threw ${(e as Error).stack}\n--- source ---\n${src}`);
        return;
      }
      const d = e.diagnostics[0]!;
      assert.ok(d.span.line >= 1 && d.span.col >= 1, `mutant ${k}: position`);
      assert.not.match(d.message, /[\uE000-\uE004]/, `mutant ${k}: a private-use character in "${d.message}"`);
      diagnostics++;
    }
    const ms = performance.now() - t0;
    slowest = Math.max(slowest, ms);
    assert.ok(ms < 1000, `mutant ${k} took ${ms.toFixed(0)} ms\n--- source ---\n${src}`);
  }
  assert.is(asts + diagnostics, N);
  assert.ok(diagnostics > N / 4, 'most mutants should be broken');
});

test('pathological inputs: deep nesting, long lines, only operators', () => {
  const inputs = [
    `let x = ${'('.repeat(3000)}1${')'.repeat(3000)}`,
    `let x = ${'('.repeat(3000)}`,
    `let x = ${'-'.repeat(5000)}1`,
    `let x = 1${' + 1'.repeat(5000)}`,
    'let x =\n' + Array.from({ length: 300 }, (_, i) => ' '.repeat(i + 1) + `if a then`).join('\n') + '\n1',
    '|||||||||||||||||||||',
    '\uE000\uE001\uE002',
    '"'.repeat(101),
  ];
  for (const src of inputs) {
    const t0 = performance.now();
    try {
      parseProgram('p.clef', src);
    } catch (e) {
      assert.ok(e instanceof DiagnosticError, `${src.slice(0, 40)}: ${(e as Error).stack}`);
    }
    assert.ok(performance.now() - t0 < 2000, `${src.slice(0, 40)} too slow`);
  }
});

test.run();
