// Turns ohm's rightmost failure into a message a Clef programmer can act on: what was
// expected (an expression, a type, ')' ...) and what was found, at the original line and
// column, never showing the layout's private-use characters.
import type { MatchResult } from 'ohm-js';
import { DiagnosticError, errorAt } from '../diagnostics.ts';
import type { Span } from './ast.ts';
import { ARG_MINUS, BLOCK_CLOSE, BLOCK_OPEN, SEPARATOR, TYPE_ARGS, type Layout } from './layout.ts';
import type { Token } from './lexer.ts';

type Failure = { getText(): string; type: string; isFluffy(): boolean };

const VIRTUAL_NAMES: Record<string, string> = {
  [BLOCK_OPEN]: 'an indented block',
  [BLOCK_CLOSE]: 'end of block',
  [SEPARATOR]: 'new line',
  [ARG_MINUS]: "'-'",
  [TYPE_ARGS]: "'<'",
};

const EXPRESSION_START = ['a name', "'('", "'if'", "'match'"];
const PATTERN_START = ["'_'", 'a name'];
const TYPE_START = ['a name', "'''"];

const OPERATORS = new Set([
  '+', '-', '*', '/', '%', '=', '<>', '<', '<=', '>', '>=', '&&', '||', '&&&', '|||', '^^^', '<<<', '>>>', '|>',
  '<-', '.', '.[', 'or', 'as', '..',
]);

/** Strings that start an expression, a pattern or a type; folded into one word. */
const STARTERS = new Set([
  'a name', 'a number', 'a digit', "'0'", "'''", `'"'`, `'$"'`, `'@"'`, `'"""'`, "'('", "'['", "'[|'", "'{'",
  "'begin'", 'an indented block', "'exists'", "'forall'", "'for'", "'while'", "'match'", "'if'", "'~~~'", "'not'",
  "'-'", "'true'", "'false'", "'_'", "'t'", "'f'", "'let'",
]);

function describe(f: Failure): string | null {
  const text = f.getText();
  // Lookahead guards (`not a keyword`) and character ranges explain nothing to a user.
  if (text.startsWith('not ') || /^".*"\.\.".*"$/.test(text) || text === 'end of input') return null;
  if (f.type !== 'string') return text; // a rule description: 'a name', 'a number'...
  if (text === '') return null;
  const v = VIRTUAL_NAMES[text];
  if (v !== undefined) return v;
  return `'${text}'`;
}

function found(pos: number, layout: Layout, tokens: Token[]): string {
  if (pos >= layout.text.length) return 'end of file';
  const ch = layout.text[pos]!;
  const v = VIRTUAL_NAMES[ch];
  if (v !== undefined && ch !== ARG_MINUS && ch !== TYPE_ARGS) return v;
  const at = layout.toOriginal(pos);
  const t = tokenAt(tokens, at);
  if (t !== null) return t.kind === 'string' || t.kind === 'interp' ? 'a string' : `'${t.text}'`;
  return `'${ch}'`;
}

function tokenAt(tokens: Token[], offset: number): Token | null {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid]!;
    if (t.end <= offset) lo = mid + 1;
    else if (t.start > offset) hi = mid - 1;
    else return t;
  }
  return null;
}

const TYPE_CONTINUATIONS = new Set(["'*'", "'<'", "'['", "'.'", "'->'", 'a name']);

function expectedList(failures: Failure[]): string[] {
  const all = [...new Set(failures.filter((f) => !f.isFluffy()).map(describe).filter((d): d is string => d !== null))];
  let out = all;
  const has = (xs: string[]) => xs.every((x) => all.includes(x));
  const fold = (what: string) => {
    out = [what, ...out.filter((x) => !STARTERS.has(x))];
  };
  if (has(EXPRESSION_START)) fold('an expression');
  else if (has(PATTERN_START)) fold('a pattern');
  else if (has(TYPE_START)) fold('a type');
  const keep = (drop: (x: string) => boolean) => {
    const rest = out.filter((x) => !drop(x));
    if (rest.length > 0) out = rest;
  };
  // After a complete expression every operator could follow, after a type `*`, `->`, `<`...:
  // noise next to the real expectation (a closing bracket, `then`, `=`, a new line...).
  if (all.includes("'+'")) keep((x) => x.startsWith("'") && OPERATORS.has(x.slice(1, -1)));
  if (all.includes("'*'") && all.includes("'->'")) keep((x) => TYPE_CONTINUATIONS.has(x));
  keep((x) => x === "'.'");
  return out;
}

const orList = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`);

/** The diagnostic for a failed match. */
/** `base` is where the matched string starts in the layout text. */
export function syntaxError(m: MatchResult, layout: Layout, tokens: Token[], span: (s: number, e: number) => Span, base: number): DiagnosticError {
  // Both exist on failed matches; ohm's typings only declare them on some versions.
  const failed = m as unknown as { getRightmostFailurePosition(): number; getRightmostFailures(): Failure[] };
  const pos = failed.getRightmostFailurePosition() + base;
  const failures = failed.getRightmostFailures();
  const expected = expectedList(failures).slice(0, 6);
  const at = layout.toOriginal(pos);
  const t = pos < layout.text.length && !layout.isVirtual(pos) ? tokenAt(tokens, at) : null;
  const where = t !== null ? span(t.start, t.end) : span(at, at);
  const what = found(pos, layout, tokens);
  const message = expected.length > 0 ? `expected ${orList(expected)}, but found ${what}` : `unexpected ${what}`;
  return errorAt(where, message);
}
