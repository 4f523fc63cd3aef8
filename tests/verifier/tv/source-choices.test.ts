// The source's unspecified choices under a "for all" (verifier/tv/source-choices.ts) and the
// replay through unspecified choices (verifier/tv/unspecified-choice.ts): the expansion only
// where every other free variable is an input, the replay never refuting on one of the
// source's choices alone.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { arraySort, BOOL, bvSort } from '../../../verifier/smt/term.ts';
import { FREEZE_FORALL, forallSourceChoices } from '../../../verifier/tv/source-choices.ts';
import { choiceConfirmed, UNSPECIFIED } from '../../../verifier/tv/unspecified-choice.ts';
import { freeVars } from '../../../verifier/tv/query.ts';

test('a source choice over inputs only: one copy per assignment, no source choice left', () => {
  const F = new TermFactory();
  const x = F.var('arg.0', bvSort(8));
  const s = F.var('schoice.maxnum!1', BOOL);
  const t = F.var('choice.maxnum!2', BOOL);
  const a = F.not(F.eq(F.ite(s, x, F.bv(0, 8)), F.ite(t, x, F.bv(1, 8))));
  const out = forallSourceChoices(F, [a]);
  assert.is(out.length, 2);
  const names = freeVars(out).map((v) => (v.kind === 'var' ? v.name : ''));
  assert.equal(names.sort(), ['arg.0', 'choice.maxnum!2']);
});

test('a witness variable (or a call result) in the query: the source choice stays free', () => {
  const F = new TermFactory();
  const s = F.var('schoice.maxnum!1', BOOL);
  const w = F.var('w.addr', bvSort(8));
  const a = F.and(s, F.eq(w, F.bv(3, 8)));
  assert.equal(forallSourceChoices(F, [a]), [a]);
  const r = F.var('call.res.0', bvSort(8));
  const b = F.and(s, F.eq(r, F.bv(3, 8)));
  assert.equal(forallSourceChoices(F, [b]), [b]);
});

test('llvm.freeze: the source\'s values under a "for all" with the marker; none left free; not where a witness is in the query', () => {
  const F = new TermFactory();
  const x = F.var('arg.0', bvSort(8));
  const sf = F.var('sfreeze.b8!1', bvSort(8));
  const tf = F.select(F.var('freeze.b8', arraySort(bvSort(64), bvSort(8))), F.bv(0, 64));
  const a = F.not(F.eq(F.app('bvand', [sf, F.bv(1, 8)]), F.app('bvadd', [x, tf])));
  const out = forallSourceChoices(F, [a], true);
  assert.is(out.length, 2);
  assert.is(out[0]!.kind, 'quant');
  assert.equal(freeVars(out).map((v) => (v.kind === 'var' ? v.name : '')).sort(), ['arg.0', 'freeze.b8', FREEZE_FORALL]);
  // the marker also where no source freeze is left in the query (folded away)
  const b = F.eq(x, F.bv(1, 8));
  assert.equal(forallSourceChoices(F, [b], true), [b, F.var(FREEZE_FORALL, BOOL)]);
  // a source without llvm.freeze: no marker (other queries keep their text)
  assert.equal(forallSourceChoices(F, [b]), [b]);
  // a call result in the query: left free, no marker
  const c = F.and(a, F.eq(F.var('call.res.0', bvSort(8)), F.bv(3, 8)));
  assert.equal(forallSourceChoices(F, [c], true), [c]);
});

test('no source choice: the assertions unchanged', () => {
  const F = new TermFactory();
  const a = F.eq(F.var('arg.0', bvSort(8)), F.bv(1, 8));
  assert.equal(forallSourceChoices(F, [a]), [a]);
});

type R = { kind: 'refuted'; cex: string } | { kind: 'no'; why: string };
const refuted = (cex: string): R => ({ kind: 'refuted', cex });
const same: R = { kind: 'no', why: 'both sides behave the same on the model' };

test('the replay: a difference with one source choice refutes only if the other choice differs too', () => {
  assert.equal(choiceConfirmed<string>({ choice: 'maxnum', choices: 1 }, {}, (so) => (so ? refuted('b') : refuted('a'))), refuted('a'));
  const r = choiceConfirmed<string>({ choice: 'maxnum', choices: 1 }, {}, (so) => (so ? same : refuted('a')));
  assert.is(r.kind, 'no');
  assert.ok(r.kind === 'no' && r.why.startsWith(UNSPECIFIED), JSON.stringify(r));
});

test('the replay: two source choices are never confirmed', () => {
  const r = choiceConfirmed<string>({ choice: 'maxnum', choices: 2 }, {}, () => refuted('a'));
  assert.ok(r.kind === 'no' && r.why.startsWith(UNSPECIFIED), JSON.stringify(r));
});

test('the replay: a target choice is run both ways, either difference refutes', () => {
  assert.equal(choiceConfirmed<string>({}, { choice: 'maxnum', choices: 1 }, (_so, to) => (to ? refuted('t') : same)), refuted('t'));
  const r = choiceConfirmed<string>({}, { choice: 'maxnum', choices: 1 }, () => same);
  assert.ok(r.kind === 'no' && r.why.startsWith(UNSPECIFIED), JSON.stringify(r));
  // no choice anywhere: the first replay as it is
  assert.equal(choiceConfirmed<string>({}, {}, () => same), same);
});

test.run();
