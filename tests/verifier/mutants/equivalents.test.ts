// The documented equivalent mutants (verifier/mutants/equivalents.ts): each entry's mutant is
// rebuilt from the real pipeline, its reason is about that mutant (it quotes the changed line
// and names one of its values), and the real validator confirms it as the entry says —
// proved for every execution, or at least bounded where the entry says the proof needs a
// loop invariant the validator cannot state. A reason on a mutant that is refuted would be a
// wrong reason; an entry whose site vanished is stale.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentedReason, entryMismatch, KNOWN_EQUIVALENTS, passesOf, type KnownEquivalent } from '../../../verifier/mutants/equivalents.ts';
import { focusModule } from '../../../verifier/mutants/focus.ts';
import { rebuildMutant } from '../../../verifier/mutants/regenerate.ts';
import { loadValidator, verdictKind } from '../../../verifier/mutants/validator.ts';
import { disposeSolvers, setSolverDefaults } from '../../../verifier/smt/solver.ts';
import { EFFORT, withRlimit } from '../../helpers/effort.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'mutants-equivalents-'));
// one query cache for the file (as `fidelity validate` keeps one per run): the mutants of one
// site in one pass share their source, so the invariant search's queries about the source's
// loops are byte-identical from one entry to the next (luhn main: three operators per pass)
setSolverDefaults({ cache: { answers: new Map() } });
test.after(async () => {
  setSolverDefaults({ cache: undefined });
  rmSync(work, { recursive: true, force: true });
  await disposeSolvers();
});

const DIFF = ['...', '    %9 = arith.cmpi ugt, %8, %c9_i64 : i64', '-   %10 = arith.subi %8, %c9_i64 : i64', '+   %10 = arith.subi %8, %c9_i64 overflow<nuw> : i64', '...'].join('\n');
const ENTRY: KnownEquivalent = {
  operator: 'arith-add-nuw', program: 'p', pass: 'convert-scf-to-cf', site: 'f@1:arith.subi', changed: 'overflow<nuw>', proof: 'proved',
  reason: '`%10 = %8 - 9` cannot wrap in the branch of %8 > 9',
};

test('a reason must quote the mutated line and name one of its values', () => {
  assert.is(entryMismatch(ENTRY, DIFF), null);
  assert.match(entryMismatch({ ...ENTRY, changed: 'overflow<nsw>' }, DIFF) ?? '', /adds no line containing/);
  assert.match(entryMismatch({ ...ENTRY, reason: 'the subtraction cannot wrap' }, DIFF) ?? '', /names none of the mutated line's values/);
  // a value of the context lines is not enough: only the line the mutant added counts
  assert.match(entryMismatch({ ...ENTRY, reason: 'because of %9' }, DIFF) ?? '', /names none/);
  const where = { operator: ENTRY.operator, program: 'p', pass: 'convert-scf-to-cf', fn: 'f', site: ENTRY.site };
  assert.equal(documentedReason(where, DIFF, [ENTRY]), { reason: ENTRY.reason });
  assert.ok('mismatch' in (documentedReason(where, DIFF.replace('nuw>', 'nsw>'), [ENTRY]) ?? {}));
  assert.is(documentedReason({ ...where, site: 'f@2:arith.subi' }, DIFF, [ENTRY]), null, 'an entry names one mutant only');
  const both = { ...ENTRY, pass: ['convert-scf-to-cf', 'convert-cf-to-llvm'] };
  assert.equal(documentedReason({ ...where, pass: 'convert-cf-to-llvm' }, DIFF, [both]), { reason: ENTRY.reason });
  assert.is(documentedReason({ ...where, pass: 'convert-arith-to-llvm' }, DIFF, [both]), null);
});

const EACH = KNOWN_EQUIVALENTS.flatMap((e) => passesOf(e).map((pass) => ({ ...e, pass })));

test('entries are unique and complete', () => {
  const keys = EACH.map((e) => `${e.program}/${e.pass}/${e.operator}/${e.site}`);
  assert.is(new Set(keys).size, keys.length);
  for (const e of KNOWN_EQUIVALENTS) assert.ok(e.reason.length > 40 && e.changed.length > 0, keys.join());
});

for (const e of EACH) {
  test(`${e.program} ${e.pass} ${e.site} ${e.operator}: rebuilt, about its mutant, and ${e.proof}`, async () => {
    const r = await rebuildMutant(e, join(root, 'corpus'), work);
    if ('error' in r) return assert.unreachable(`stale entry: ${r.error}`);
    assert.is(entryMismatch(e, r.diff), null, r.diff);
    const validator = (await loadValidator())!;
    const fn = r.site.fn;
    // limited by work, not the clock (tests/helpers/effort.ts): luhn main's rows at unroll 2
    // need ~10 M units in the WASM z3 (26 Nov), 20 s of wall time on a loaded machine
    // An entry documented as `bounded` claims no difference within the bound; the invariant
    // search (hundreds of queries on luhn's main) can only add a proof, so it is skipped there
    // A `proved` entry claims a proof of every execution, which the validator tries after the
    // bounded query: the depth of that query changes only its cost (at 8 instead of 2: luhnValid
    // rows 11-16 s instead of 2 s, 148 s CPU for the file instead of 96 s, 27 Nov), so the
    // proved entries run at 2; a `bounded` entry claims no difference within its depth
    const opts = { unroll: e.proof === 'proved' ? 2 : e.unroll ?? 8, timeoutMs: EFFORT.timeoutMs, ...(e.proof === 'bounded' ? { invariants: false } : {}) };
    const checked = await withRlimit(() => validator(focusModule(r.pair.src, fn), focusModule(r.mutant, fn), opts));
    const v = checked.find((x) => x.name === fn)!;
    const k = verdictKind(v.verdict);
    if (e.proof === 'proved') assert.is(k, 'proved', `${v.verdict}: ${v.detail}`);
    else assert.ok(k === 'bounded' || k === 'proved', `${v.verdict}: ${v.detail}`);
  });
}

test.run();
