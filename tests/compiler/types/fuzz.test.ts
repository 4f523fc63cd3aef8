// Robustness: mutated corpus programs that still parse must type-check or fail with a
// DiagnosticError (never another exception). The mutations keep the syntax plausible so
// most mutants reach the checker: swap an identifier for another of the same file, swap a
// literal for another, delete or duplicate a line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseProgram } from '../../../compiler/syntax/parse.ts';
import { checkProgram } from '../../../compiler/types/check.ts';
import { DiagnosticError } from '../../../compiler/diagnostics.ts';

const dir = fileURLToPath(new URL('../../../corpus/', import.meta.url));
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.clef'))
  .sort()
  .map((f) => readFileSync(dir + f, 'utf8'));

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LITERALS = ['0', '1', '-1', '2l', '255uy', '7UL', '3.5', "'a'", '"s"', 'true', '()', '1s', '0x10u', 'None'];

function mutate(text: string, rnd: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const kind = Math.floor(rnd() * 4);
  if (kind === 0 || kind === 1) {
    const re = kind === 0 ? /\b[A-Za-z_][A-Za-z0-9_.]*\b/g : /(?<![\w.])(-?\d[\w.]*|'.'|"[^"\n]*"|true|false|\(\))/g;
    const hits = [...text.matchAll(re)];
    if (hits.length === 0) return text;
    const h = pick(hits);
    const replacement = kind === 0 ? pick(hits)[0] : pick(LITERALS);
    return text.slice(0, h.index) + replacement + text.slice(h.index! + h[0].length);
  }
  const lines = text.split('\n');
  const i = Math.floor(rnd() * lines.length);
  if (kind === 2) lines.splice(i, 1);
  else lines.splice(i, 0, lines[i]!);
  return lines.join('\n');
}

test('mutated programs end in a result or a DiagnosticError', () => {
  assert.ok(sources.length > 0);
  const rnd = prng(20261125);
  let checked = 0;
  for (let n = 0; n < 150; n++) {
    let text = pick(sources, rnd);
    const times = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < times; k++) text = mutate(text, rnd);
    let prog;
    try {
      prog = parseProgram('fuzz.clef', text);
    } catch {
      continue; // the parser's own fuzz test covers this side
    }
    checked++;
    try {
      checkProgram(prog);
    } catch (e) {
      if (!(e instanceof DiagnosticError)) {
        assert.unreachable(`checker crashed with ${(e as Error).stack}\non:\n${text}`);
        return;
      }
      for (const d of e.diagnostics) assert.ok(d.span && d.span.line >= 1 && d.message.length > 0, 'a diagnostic has a place and a message');
    }
  }
  assert.ok(checked > 40, `only ${checked} mutants reached the checker`);
});

function pick<T>(xs: T[], rnd: () => number): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

test.run();
