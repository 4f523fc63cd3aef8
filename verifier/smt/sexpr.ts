// A reader for the S-expressions solvers print back (check-sat answers, get-value, get-info).
// Atoms keep their exact spelling; strings keep their quotes so `"sat"` never reads as `sat`.

export type SExpr = string | SExpr[];

export class SExprSyntaxError extends Error {}

/** Reads every top-level S-expression in `text`. Comments (`; ...`) are skipped. */
export function readSExprs(text: string): SExpr[] {
  const out: SExpr[] = [];
  const stack: SExpr[][] = [];
  let i = 0;
  const n = text.length;
  const emit = (e: SExpr) => {
    if (stack.length) stack[stack.length - 1]!.push(e);
    else out.push(e);
  };
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      i++;
    } else if (c === ';') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '(') {
      stack.push([]);
      i++;
    } else if (c === ')') {
      const top = stack.pop();
      if (!top) throw new SExprSyntaxError(`unbalanced ')' at offset ${i}`);
      emit(top);
      i++;
    } else if (c === '"') {
      // SMT-LIB 2.6 strings: "" is an escaped quote
      let j = i + 1;
      for (;;) {
        if (j >= n) throw new SExprSyntaxError(`unterminated string at offset ${i}`);
        if (text[j] === '"') {
          if (text[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      emit(text.slice(i, j + 1));
      i = j + 1;
    } else if (c === '|') {
      const j = text.indexOf('|', i + 1);
      if (j < 0) throw new SExprSyntaxError(`unterminated |symbol| at offset ${i}`);
      emit(text.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < n && !' \n\t\r()";|'.includes(text[j]!)) j++;
      emit(text.slice(i, j));
      i = j;
    }
  }
  if (stack.length) throw new SExprSyntaxError('unbalanced \'(\' at end of input');
  return out;
}

/** The contents of a string atom (`"a""b"` -> `a"b`), or the atom itself. */
export function unquote(a: string): string {
  if (a.startsWith('"') && a.endsWith('"') && a.length >= 2) return a.slice(1, -1).replace(/""/g, '"');
  if (a.startsWith('|') && a.endsWith('|') && a.length >= 2) return a.slice(1, -1);
  return a;
}

export function showSExpr(e: SExpr): string {
  return typeof e === 'string' ? e : `(${e.map(showSExpr).join(' ')})`;
}
