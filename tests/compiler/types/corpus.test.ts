// The checker over every corpus program that parses: no error, and the annotation
// contract of ast.ts holds on the whole program (types without variables everywhere,
// resolutions on every name, field and case).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseProgram } from '../../../compiler/syntax/parse.ts';
import { checkProgram } from '../../../compiler/types/check.ts';
import type { Program } from '../../../compiler/syntax/ast.ts';
import { assertFullyAnnotated } from './helpers.ts';

const dir = fileURLToPath(new URL('../../../corpus/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.clef')).sort();

test('the corpus has programs', () => {
  assert.ok(files.length > 0);
});

for (const f of files) {
  test(`corpus/${f} type-checks and is fully annotated`, () => {
    let prog: Program;
    try {
      prog = parseProgram(f, readFileSync(dir + f, 'utf8'));
    } catch {
      return; // a parser problem: the parser's and the corpus runner's tests report it
    }
    const { warnings } = checkProgram(prog);
    assert.equal(warnings.map((w) => `${w.span.line}:${w.span.col}: ${w.message}`), [], 'no warnings in the valid corpus');
    assertFullyAnnotated(prog);
  });
}

test.run();
