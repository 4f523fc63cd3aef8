// A structural check of emitted F* text, for when F* itself is not installed: comments,
// strings, brackets and `begin`/`end` balance; every local `let` has its `in`; no Clef-only
// syntax leaked through. It proves nothing about the module's meaning — only that the
// emitter produced well-formed text — and never stands in for F*'s verdict.

/** Clef/F# syntax that is not F*: operators, memory and module built-ins, loops. */
const CLEF_ONLY: [RegExp, string][] = [
  [/<-/, 'assignment `<-`'],
  [/\|>/, 'pipe `|>`'],
  [/\.\[/, 'indexing `.[`'],
  [/&&&|\|\|\||\^\^\^|~~~|<<<|>>>/, 'F# bitwise operator'],
  [/\b(Span|nativeptr)</, 'Clef type syntax'],
  [/\b(NativePtr|Arena|Region|Contract|Console|Format|Wrapping)\.[a-z]/, 'Clef built-in module'],
  [/\b(mutable|while|elif|downto|do|done)\b/, 'Clef keyword'],
  [/\[</, 'attribute `[<`'],
  [/\$"/, 'interpolated string'],
];

type Token = { text: string; line: number };

/** Code with comments and string literals blanked out (line structure kept). */
export function codeOnly(text: string): string {
  let out = '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    if (inString) {
      if (c === '\\') {
        out += '  ';
        i++;
      } else if (c === '"') {
        inString = false;
        out += '"';
      } else out += c === '\n' ? '\n' : ' ';
      continue;
    }
    if (c === '(' && next === '*') {
      depth++;
      out += '  ';
      i++;
      continue;
    }
    if (depth > 0) {
      if (c === '*' && next === ')') {
        depth--;
        out += '  ';
        i++;
      } else out += c === '\n' ? '\n' : ' ';
      continue;
    }
    if (c === '"') {
      inString = true;
      out += '"';
      continue;
    }
    out += c;
  }
  if (depth > 0) out += '\u0000unclosed-comment';
  if (inString) out += '\u0000unclosed-string';
  return out;
}

function tokens(code: string): Token[] {
  const out: Token[] = [];
  code.split('\n').forEach((l, i) => {
    for (const m of l.matchAll(/[A-Za-z_][\w'?]*|[()[\]{}]|"/g)) out.push({ text: m[0], line: i + 1 });
  });
  return out;
}

/** Problems found, each `line N: message`; empty when the text looks well-formed. */
export function checkFstarText(text: string): string[] {
  const problems: string[] = [];
  const code = codeOnly(text);
  if (code.includes('\u0000unclosed-comment')) problems.push('end: unclosed comment');
  if (code.includes('\u0000unclosed-string')) problems.push('end: unclosed string');
  const lines = code.split('\n');
  if (!/^module [A-Z][\w]*(\.[A-Z][\w]*)*$/.test(lines[0] ?? '')) problems.push('line 1: the first line is not a module declaration');
  lines.forEach((l, i) => {
    for (const [re, what] of CLEF_ONLY) if (re.test(l)) problems.push(`line ${i + 1}: Clef syntax in F* text: ${what}`);
  });

  // Brackets and begin/end, and `let ... in` inside definitions.
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{', end: 'begin' };
  const stack: Token[] = [];
  let openLets = 0;
  for (const t of tokens(code)) {
    if (t.text === '(' || t.text === '[' || t.text === '{' || t.text === 'begin') stack.push(t);
    else if (t.text in pairs) {
      const top = stack.pop();
      if (!top || top.text !== pairs[t.text]) problems.push(`line ${t.line}: unbalanced ${t.text}${top ? ` (opened by ${top.text} on line ${top.line})` : ''}`);
    }
  }
  for (const t of stack) problems.push(`line ${t.line}: ${t.text} is never closed`);

  // Every local `let` (indented) is closed by an `in`: counted per top-level definition.
  let def = 0;
  const flush = (line: number) => {
    if (openLets !== 0) problems.push(`line ${line}: a definition has ${openLets} local let without in`);
    openLets = 0;
  };
  lines.forEach((l, i) => {
    const top = /^(let|and|assume|type|noeq|module|open|\(\*)/.test(l);
    if (top) {
      flush(def);
      def = i + 1;
    }
    const body = top ? l.replace(/^(let rec|let|and)\b/, '') : l;
    const lets = (body.match(/\blet\b/g) ?? []).length;
    const ins = (body.match(/\bin\b/g) ?? []).length;
    openLets += lets - ins;
    if (/\blet\b[^=]*=\s*in\b/.test(l)) problems.push(`line ${i + 1}: a let without a value`);
    if (/=\s*$/.test(l) && i + 1 < lines.length && /^\s*(in\b|$)/.test(lines[i + 1]!)) problems.push(`line ${i + 1}: a definition without a body`);
  });
  flush(def);
  return problems;
}
