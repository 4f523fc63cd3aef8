// Every corpus program elaborates to Core that keeps Core's invariants, with unique
// obligation ids, and prints.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { parseProgram } from '../../../compiler/syntax/parse.ts';
import { checkProgram } from '../../../compiler/types/check.ts';
import { elaborate } from '../../../compiler/core/elaborate.ts';
import { printCore } from '../../../compiler/core/print.ts';
import { checkCore } from '../../../compiler/core/wellformed.ts';

const dir = new URL('../../../corpus/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.clef')).sort();

for (const f of files) {
  test(`corpus/${f} elaborates to well-formed Core`, () => {
    const prog = parseProgram(`corpus/${f}`, readFileSync(new URL(f, dir), 'utf8'));
    const { types } = checkProgram(prog);
    const p = elaborate(prog, types);
    assert.equal(checkCore(p), []);
    assert.ok(p.entry, 'a corpus program has an entry point');
    assert.ok(printCore(p).length > 0);
  });
}

test.run();
