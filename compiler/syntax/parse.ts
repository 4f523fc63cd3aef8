// The Clef front door: text -> tokens (lexer.ts) -> explicit layout (layout.ts) -> match of
// clef.ohm (fastMatch.ts; ohm's matcher when that fails, for the error) -> AST (buildAst.ts).
// Every failure is a DiagnosticError at the place in the original file.
import type { MatchResult } from 'ohm-js';
import { DiagnosticError, errorAt, spanMaker } from '../diagnostics.ts';
import type { Expr, Program, Span } from './ast.ts';
import { actions, assembleProgram, semantics, withContext, type BuildContext, type TopValue } from './buildAst.ts';
import { walk, type Actions } from './cstWalk.ts';
import { FastMatcher, type FastMatch } from './fastMatch.ts';
import { clefGrammar } from './grammar.ts';
import { layout } from './layout.ts';
import { lex, type Token } from './lexer.ts';
import { syntaxError } from './syntaxError.ts';
import { findUnsupported } from './unsupported.ts';

type SpanFn = (start: number, end: number) => Span;

/** Parses a whole file. */
export function parseProgram(file: string, text: string): Program {
  return parseText(file, text, spanMaker(file, text), 'Program') as Program;
}

/**
 * Parses one expression, e.g. a contract string. `offset` is where `text` starts in its
 * file; give the file's text as `fullText` to get exact lines and columns (otherwise they
 * are counted from the start of `text`).
 */
export function parseExpr(file: string, text: string, offset = 0, fullText?: string): Expr {
  let span: SpanFn;
  if (fullText !== undefined) {
    const whole = spanMaker(file, fullText);
    span = (s, e) => whole(offset + s, offset + e);
  } else {
    const local = spanMaker(file, text);
    span = (s, e) => ({ ...local(s, e), start: offset + s, end: offset + e });
  }
  return parseText(file, text, span, 'Expr') as Expr;
}

/** Tests set this to build the AST with ohm's own semantics, to compare with the walker. */
export const parserOptions = { ohmSemantics: false };

const fastMatcher = new FastMatcher(clefGrammar as never);

/**
 * Matches `text` from `rule`: the compiled matcher (fastMatch.ts) for a match, ohm's for a
 * failure (its failure record makes the syntax error) or when tests ask for ohm's semantics.
 */
function match(text: string, rule: 'TopItem' | 'Expr'): MatchResult | FastMatch {
  return (parserOptions.ohmSemantics ? null : fastMatcher.match(text, rule)) ?? clefGrammar.match(text, rule);
}

/** The AST of a successful match: our CST walker, or ohm's semantics if it cannot run. */
function evaluate(m: MatchResult | FastMatch): unknown {
  const fast = parserOptions.ohmSemantics ? undefined : walk(m as MatchResult, actions as unknown as Actions);
  return fast ?? semantics(m as MatchResult)['ast']();
}

const LITERAL_KINDS = new Set(['int', 'float', 'char', 'string', 'interp']);

function parseText(file: string, text: string, span: SpanFn, startRule: 'Program' | 'Expr'): Program | Expr {
  const { tokens, comments } = lex(file, text, span);
  const unsupported = findUnsupported(tokens);
  const unsupportedError = () => errorAt(span(unsupported!.token.start, unsupported!.end), unsupported!.message);
  try {
    const result = build(file, text, span, startRule, tokens, comments);
    if (unsupported !== null) throw unsupportedError();
    return result;
  } catch (e) {
    // The construct outside Clef v1 is the better report when it comes first or on the same
    // line: the syntax error is usually a consequence of it.
    if (e instanceof DiagnosticError && unsupported !== null && span(unsupported.token.start, 0).line <= e.diagnostics[0]!.span.line) {
      throw unsupportedError();
    }
    if (e instanceof RangeError) throw errorAt(span(0, 0), 'the program is nested too deeply to parse');
    throw e;
  }
}

function build(
  file: string,
  text: string,
  span: SpanFn,
  startRule: 'Program' | 'Expr',
  tokens: Token[],
  comments: { start: number; end: number }[],
): Program | Expr {
  if (startRule === 'Expr' && tokens.length === 0) throw errorAt(span(0, text.length), 'expected an expression');
  const lay = layout(text, tokens, comments, span);
  const literals = new Map<number, Token>();
  for (const t of tokens) if (LITERAL_KINDS.has(t.kind)) literals.set(t.start, t);
  const ctx: BuildContext = {
    layout: lay,
    span,
    literals,
    negateOnly: new Set(),
    length: text.length,
    base: 0,
    nested: (sub, offset) => parseText(file, sub, (s, e) => span(offset + s, offset + e), 'Expr') as Expr,
  };
  let result: Program | Expr;
  if (startRule === 'Expr') {
    const m = match(lay.text, 'Expr');
    if (m.failed()) throw syntaxError(m, lay, tokens, span, 0);
    result = withContext(ctx, () => evaluate(m) as Expr);
  } else {
    // Each top-level item is matched on its own (see Layout.items): the same result as
    // matching `Program`, several times faster on long files.
    const items: { node: null; span: Span; value: TopValue }[] = [];
    for (const r of lay.items) {
      const chunk = lay.text.slice(r.start, r.end);
      if (chunk.trim() === '') continue;
      const where = span(lay.toOriginal(r.start + chunk.length - chunk.trimStart().length), lay.toOriginalEnd(r.end));
      try {
        const m = match(chunk, 'TopItem');
        if (m.failed()) throw syntaxError(m, lay, tokens, span, r.start);
        ctx.base = r.start;
        const value = withContext(ctx, () => evaluate(m) as TopValue);
        items.push({ node: null, span: where, value });
      } catch (e) {
        if (e instanceof RangeError) throw errorAt(where, 'this declaration is nested too deeply to parse');
        throw e;
      }
    }
    result = withContext(ctx, () => assembleProgram(items));
  }
  for (const lit of ctx.negateOnly) {
    const l = 'lit' in lit ? lit.lit : null;
    throw errorAt(lit.span, l?.kind === 'LInt' ? `this number is outside the range of its type (only -${l.value} fits)` : 'number out of range');
  }
  return result;
}
