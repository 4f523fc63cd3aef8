// Diagnostics: the one way the front end reports a problem with the user's program.
// Every stage throws `DiagnosticError` (never a bare Error) for bad input, so the CLI can
// print `FILE:LINE:COL: error: MESSAGE`, the source line and a caret, and exit 1.
import type { Span } from './syntax/ast.ts';

export type Severity = 'error' | 'warning';
export type Diagnostic = { severity: Severity; span: Span; message: string };

export class DiagnosticError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.col}: ${d.severity}: ${d.message}`).join('\n'));
    this.diagnostics = diagnostics;
  }
}

export function errorAt(span: Span, message: string): DiagnosticError {
  return new DiagnosticError([{ severity: 'error', span, message }]);
}

/** Line-start offsets of a text, for offset -> line/col. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset (binary search over line starts). */
export function lineCol(starts: number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - starts[lo]! + 1 };
}

/** Builds spans for one file. */
export function spanMaker(file: string, text: string) {
  const starts = lineStarts(text);
  return (start: number, end: number): Span => ({ file, start, end, ...lineCol(starts, start) });
}

/** `file:line:col: error: msg`, then the source line and a caret under the column. */
export function formatDiagnostic(d: Diagnostic, text: string | null): string {
  const head = `${d.span.file}:${d.span.line}:${d.span.col}: ${d.severity}: ${d.message}`;
  if (text === null) return head;
  const starts = lineStarts(text);
  const lineStart = starts[d.span.line - 1];
  if (lineStart === undefined) return head;
  const lineEnd = starts[d.span.line] !== undefined ? starts[d.span.line]! - 1 : text.length;
  const src = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const width = Math.max(1, Math.min(d.span.end, lineEnd) - d.span.start);
  return `${head}\n    ${src}\n    ${' '.repeat(d.span.col - 1)}${'^'.repeat(Math.min(width, Math.max(1, src.length - d.span.col + 1)))}`;
}
