// The mismatch's parts simplified by bounds before the solver (verifier/smt/simplify-bounds.ts,
// used by split.ts). crc32 `hex32` at unroll 8 — eight concatenations of a callee's string,
// each two unrolled copy loops — has a UB part of 544 disjuncts that z3 (native too) did not
// decide in 60 s; under its assumptions (callee strings shorter than 2^40, placed in the
// block the call allocated) every disjunct folds to false. With a copy loop that reads one
// byte past the callee's string the part must stay open (its UB is real).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { coreQuery } from '../../../../verifier/tv/core/query.ts';
import { mismatchParts } from '../../../../verifier/tv/core/split.ts';
import { simplifyUnder } from '../../../../verifier/smt/simplify-bounds.ts';
import { corpusProgram, mutate } from './helpers.ts';

function ubPart(mlir: string) {
  const { core } = corpusProgram('crc32');
  const info = moduleInfo(parseMlir(mlir, 'crc32.mlir'));
  const fn = core.functions.find((f) => f.name === 'hex32')!;
  const q = coreQuery(core, fn, info, info.funcs.get('clef.hex32')!, 8);
  const F = q.pair.env.f;
  const base = q.assertions.slice(0, -1);
  const ub = mismatchParts(F, q.assertions[q.assertions.length - 1]!)[0]!;
  return { F, base, ub };
}

test('crc32 hex32 (unroll 8): the UB part of the copy loops folds to false under the assumptions', () => {
  const { F, base, ub } = ubPart(corpusProgram('crc32').mlir);
  assert.ok(ub.kind === 'app' && ub.op === 'or' && ub.args.length > 100, 'the UB part is a large disjunction');
  const r = simplifyUnder(F, base, ub);
  assert.is(r.stats.gaveUp, false);
  assert.ok(r.term.kind === 'bool' && !r.term.value, 'decided: no UB');
});

test('a copy loop reading one byte past the callee string: the UB part stays open', () => {
  const bad = mutate(corpusProgram('crc32').mlir, 'hex32', '%35 = arith.addi %c0_24, %i_34 : index', '%35 = arith.addi %c1_30, %i_34 : index');
  const { F, base, ub } = ubPart(bad);
  const r = simplifyUnder(F, base, ub);
  assert.is.not(r.term.kind, 'bool');
});

test.run();
