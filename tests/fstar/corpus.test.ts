// Every corpus program (and every program of corpus/bugs) emits an F* module whose table
// names each of its obligations exactly once, on a line that mentions it, and whose text
// passes the structural check.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { frontEnd } from '../../compiler/frontend.ts';
import { fnObligations, forEachNode, programObligations } from '../../compiler/core/walk.ts';
import { emitFstar } from '../../fstar/index.ts';
import { moduleNameFor } from '../../fstar/names.ts';
import { checkFstarText } from '../../fstar/sanity.ts';
import { assertOnePerObligation } from './helpers.ts';

const root = join(import.meta.dirname, '..', '..', 'corpus');
const programs = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.clef'))
        .sort()
        .map((f) => join(dir, f))
    : [];

for (const file of programs(root)) {
  test(`corpus ${basename(file)}`, () => {
    const { core } = frontEnd(file);
    const m = emitFstar(core);
    assert.is(m.module, `Clef.${moduleNameFor(file)}`);
    assert.ok(m.text.startsWith(`module ${m.module}\n`));
    assertOnePerObligation(core, m);
    assert.equal(checkFstarText(m.text), [], 'structurally well-formed');
    assert.equal(
      m.table.filter((t) => t.form === 'unmodelled').map((t) => t.id),
      [],
      'every corpus obligation has an F* counterpart',
    );
    // Source order: in a function without loops, the assertions come in evaluation order.
    const line = new Map(m.table.map((t) => [t.id, t.line] as const));
    for (const fn of core.functions) {
      let loops = false;
      forEachNode(fn.body, (e) => {
        if (e.kind === 'While') loops = true;
      });
      if (loops) continue;
      const own = new Set(fn.obs.map((o) => o.id));
      const lines = fnObligations(fn)
        .filter((o) => !own.has(o.id) && m.table.find((t) => t.id === o.id)!.form === 'assert')
        .map((o) => line.get(o.id)!);
      assert.equal(lines, [...lines].sort((a, b) => a - b), `${fn.name}: assertions in evaluation order`);
    }
  });
}

test('the corpus is not empty and has obligations', () => {
  const files = programs(root);
  assert.ok(files.length >= 30);
  const total = files.reduce((n, f) => n + programObligations(frontEnd(f).core).length, 0);
  assert.ok(total > 500, `${total} obligations`);
});

// Programs that are buggy on purpose: the table must still be complete.
for (const file of programs(join(root, 'bugs'))) {
  test(`bugs ${basename(file)}`, () => {
    let core;
    try {
      core = frontEnd(file).core;
    } catch {
      return; // not this test's business: the front end reports it
    }
    const m = emitFstar(core);
    const ids = new Set(m.table.map((t) => t.id));
    for (const o of programObligations(core)) assert.ok(ids.has(o.id), `${o.id} in the table`);
    assert.equal(checkFstarText(m.text), []);
  });
}

test.run();
