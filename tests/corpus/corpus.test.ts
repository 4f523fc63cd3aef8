// Every corpus program, through the front end and the reference interpreter with every
// runtime check on, prints exactly its NAME.out and exits with its NAME.code.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { root } from '../helpers/cli.ts';
import { corpusPrograms, runCorpusProgram } from '../../bin/cli/corpus-run.ts';

const files = corpusPrograms(join(root, 'corpus'));

test('the corpus has at least 30 programs', () => {
  assert.ok(files.length >= 30, `only ${files.length} programs`);
});

for (const f of files) {
  const name = f.slice(root.length + 1);
  test(`corpus: ${name}`, () => {
    const r = runCorpusProgram(f);
    assert.ok(r.ok, `${name}: ${r.problem}`);
  });
}

test.run();
