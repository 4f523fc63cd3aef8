// The emitted text as indented lines, each carrying the obligations checked on it, so the
// obligation table (id -> F* name and line) is computed from the final text and cannot
// drift from it.

/** How an obligation appears in F*: a named `assert` in a body; a well-formedness
 *  condition of a `requires`/`ensures`/`decreases` clause (an index inside a contract);
 *  `unmodelled` when the F* model has no counterpart (the line says so in a comment). */
export type ObForm = 'assert' | 'requires' | 'ensures' | 'decreases' | 'unmodelled';

export type ObMark = { id: string; fstarName: string; form: ObForm };

export type Line = { text: string; marks: ObMark[] };

export type Out = { lines: Line[]; depth: number };

export function newOut(depth = 0): Out {
  return { lines: [], depth };
}

export function emit(out: Out, text: string, marks: ObMark[] = []): void {
  out.lines.push({ text: text === '' ? '' : '  '.repeat(out.depth) + text, marks });
}

export function indented<T>(out: Out, f: () => T, by = 1): T {
  out.depth += by;
  try {
    return f();
  } finally {
    out.depth -= by;
  }
}

/** Appends already-built lines (their indentation is kept, shifted by the current depth). */
export function append(out: Out, lines: Line[]): void {
  const pad = '  '.repeat(out.depth);
  for (const l of lines) out.lines.push({ text: l.text === '' ? '' : pad + l.text, marks: l.marks });
}

export type TableEntry = { id: string; fstarName: string; line: number; form: ObForm };

export function render(lines: Line[]): { text: string; table: TableEntry[] } {
  const table: TableEntry[] = [];
  lines.forEach((l, i) => {
    for (const m of l.marks) table.push({ id: m.id, fstarName: m.fstarName, line: i + 1, form: m.form });
  });
  return { text: lines.map((l) => l.text.replace(/\s+$/, '')).join('\n') + '\n', table };
}
