// The profiles over the corpus: the embedded profile finds the corpus's regions and
// unmeasured recursion where they are, proves the stack budget of the other programs, and
// refutes the stack-budget bugs of corpus/bugs at the place their .expect files give.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { frontEnd } from '../../../compiler/frontend.ts';
import { forEachNode } from '../../../compiler/core/walk.ts';
import { checkProfile } from '../../../verifier/profiles/index.ts';

const root = join(import.meta.dirname, '..', '..', '..', 'corpus');
const clef = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.clef')).sort() : []);

for (const f of clef(root)) {
  test(`embedded profile: ${f}`, () => {
    const { core } = frontEnd(join(root, f));
    const r = checkProfile(core, { target: 'embedded' });
    const creates: string[] = [];
    for (const fn of core.functions)
      forEachNode(fn.body, (e) => {
        if (e.kind === 'RegionCreate') creates.push(`${e.span.line}:${e.span.col}`);
      });
    const regionErrors = r.errors.filter((e) => /no regions/.test(e.message)).map((e) => `${e.span.line}:${e.span.col}`);
    assert.equal(regionErrors, creates, 'one error per Region.create');
    const b = r.stackBudget!;
    const unbounded = r.errors.some((e) => /without Contract\.decreases/.test(e.message)) || /recursion depth unknown/.test(b.detail);
    if (!unbounded) {
      assert.is(b.verdict, 'proved', b.detail);
      assert.ok(b.usedBytes! <= 65536);
    } else assert.is(b.verdict, 'unknown', b.detail);
    assert.equal(checkProfile(core, { target: 'server' }).errors, []);
  });
}

for (const f of clef(join(root, 'bugs'))) {
  const expect = join(root, 'bugs', basename(f, '.clef') + '.expect');
  if (!existsSync(expect)) continue;
  const text = readFileSync(expect, 'utf8');
  const want = /^stack-budget (\d+:\d+)$/m.exec(text);
  if (!/^# target embedded/m.test(text) || !want) continue;
  test(`stack-budget bug: ${f}`, () => {
    const { core } = frontEnd(join(root, 'bugs', f));
    const b = checkProfile(core, { target: 'embedded' }).stackBudget!;
    assert.is(b.verdict, 'refuted', b.detail);
    assert.is(`${b.location.span.line}:${b.location.span.col}`, want[1]);
  });
}

test.run();
