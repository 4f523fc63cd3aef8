// The script z3-wasm is given: its shared terms as `let` bindings instead of `define-fun`s.
//
// Why: the z3 of z3-solver 5.x (4.13) never eliminates a constant that occurs in the body of
// any `define-fun` — its equation solver (solve-eqs) treats them as frozen; the native
// 4.8.12 does eliminate them. The printer (smtlib.ts) names every shared term with a
// define-fun, so in z3-wasm nearly every variable of a query is frozen: pid_fixed `step`'s
// part 3 (`x = t` asserted, x used in definitions) is 903 k units in z3-wasm, 5.9 k in the
// native z3, and 2.9 k in z3-wasm with the same terms bound by `let` (verifier/smt/README.md
// "Definitions freeze variables"). A `let` is sharing in the parser only: z3 sees the same
// DAG, with nothing frozen.
//
// The rewrite: every `(define-fun N () S e)` becomes `(let ((N e)) ...)`, nested in the order
// of the definitions (each body refers only to earlier names), around one assertion, the
// conjunction of all the script's assertions (z3 splits a top-level `and` again). The
// declarations, options, `check-sat` and `get-value` stay where they are. Equisatisfiable and
// the same model of the declared constants: each name stands for its term, as the
// define-fun's macro did. A script it does not recognise (a define-fun with parameters, an
// assertion after `check-sat`, push/pop) is returned unchanged.

import { constantDefinition } from './answer.ts';

/** `text` with its zero-ary define-funs as nested lets around one assertion, or `text`
 *  itself when it holds no define-fun or anything this rewrite does not expect. */
export function definitionsAsLets(text: string): string {
  if (!text.includes('(define-fun ')) return text;
  const lines = text.split('\n');
  const head: string[] = [];
  const tail: string[] = [];
  const lets: string[] = [];
  const asserted: string[] = [];
  let after = false; // past the first check-sat
  for (const line of lines) {
    if (after) {
      if (line.startsWith('(assert ') || line.startsWith('(define-fun ') || line.startsWith('(push') || line.startsWith('(pop')) return text;
      tail.push(line);
      continue;
    }
    if (line.startsWith('(check-sat')) {
      after = true;
      tail.push(line);
    } else if (line.startsWith('(define-fun ')) {
      const d = definition(line);
      if (!d) return text;
      lets.push(`(let ((${d.name} ${d.body})) `);
    } else if (line.startsWith('(assert ')) {
      if (!line.endsWith(')')) return text;
      asserted.push(line.slice(8, -1));
    } else if (line.startsWith('(push') || line.startsWith('(pop') || line.startsWith('(define-')) {
      return text;
    } else {
      head.push(line);
    }
  }
  if (!asserted.length) return text;
  const body = asserted.length === 1 ? asserted[0]! : `(and ${asserted.join(' ')})`;
  return [...head, `(assert ${lets.join('')}${body}${')'.repeat(lets.length)})`, ...tail].join('\n');
}

/** The name and body of a one-line `(define-fun N () S e)` with a plain name, or null. */
function definition(line: string): { name: string; body: string } | null {
  const d = constantDefinition(line);
  return d && d.name && !/[\s()]/.test(d.name) ? d : null;
}
