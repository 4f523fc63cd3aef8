// Reading solver answers: the exact texts z3 4.8 / z3 4.15 (WASM) / cvc5 1.0 print.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { arraySort, BOOL, bvSort, INT } from '../../../verifier/smt/term.ts';
import { decodeValue, parseSolverOutput } from '../../../verifier/smt/output.ts';
import { resultFromOutput, unknownReason } from '../../../verifier/smt/answer.ts';
import { readSExprs } from '../../../verifier/smt/sexpr.ts';
import { arraySelect, type ArrayModel } from '../../../verifier/smt/model.ts';

const f = new TermFactory();
const x = f.var('x', bvSort(8));
const n = f.var('n', INT);
const a = f.var('a', arraySort(bvSort(8), bvSort(8)));
const flag = f.var('odd name', BOOL);

test('z3 sat answer with values and statistics', () => {
  const out = `sat
((x #x14)
 (n (- 12))
 (a (store ((as const (Array (_ BitVec 8) (_ BitVec 8))) #x07) #x14 #x05))
 (|odd name| true))
(:reason-unknown "")
(:max-memory   18.63
 :rlimit-count 664
 :time         0.01)
`;
  const p = parseSolverOutput(out, [x, n, a, flag]);
  assert.is(p.status, 'sat');
  assert.is(p.resources, 664);
  assert.is(p.model!.get('x'), 0x14n);
  assert.is(p.model!.get('n'), -12n);
  assert.is(p.model!.get('odd name'), true);
  const arr = p.model!.get('a') as ArrayModel;
  assert.is(arraySelect(arr, 0x14n), 5n);
  assert.is(arraySelect(arr, 0n), 7n);
});

test('cvc5 answers: binary literals, unquoted reasons, resource units, errors after the answer', () => {
  const out = `unknown
((x #b00010001) (a (store (store ((as const (Array (_ BitVec 8) (_ BitVec 8))) #b00000000) #b00000011 #b00000111) #b00010001 #b00000101)))
(:reason-unknown resourceout)
(:all-statistics (("cvc5::TERM" { BITVECTOR_UGT: 1, EQUAL: 2 }) ("driver::filename" q.smt2) ("resource::resourceUnitsUsed" 337) ("sat::conflicts" 0)))
`;
  const p = parseSolverOutput(out, [x, a]);
  assert.is(p.status, 'unknown');
  assert.is(p.reasonUnknown, 'resourceout');
  assert.is(p.resources, 337);
  assert.is(arraySelect(p.model!.get('a') as ArrayModel, 3n), 7n);
  const r = resultFromOutput(out, { assertions: [], wantModel: [x, a] }, { backend: 'cvc5', timeMs: 3 });
  assert.is(r.status, 'unknown');
  assert.is(r.reason, 'resource limit');
  assert.is(r.model, undefined);
  const u = `unsat\n(error "Cannot get value unless after a SAT or UNKNOWN response.")\n(error "Can't get-info :reason-unknown when the last result wasn't unknown!")\n`;
  assert.is(resultFromOutput(u, { assertions: [], wantModel: [x] }, { backend: 'cvc5', timeMs: 1 }).status, 'unsat');
});

test('an error before the answer makes the result unknown (the solver may have dropped an assertion)', () => {
  const out = `(error "line 5 column 13: unknown constant y")\nsat\n((x #x00))\n`;
  const r = resultFromOutput(out, { assertions: [], wantModel: [x] }, { backend: 'z3-native', timeMs: 1 });
  assert.is(r.status, 'unknown');
  assert.ok(r.reason!.startsWith('solver error: line 5 column 13'));
  const empty = resultFromOutput('', { assertions: [], wantModel: [] }, { backend: 'z3-native', timeMs: 1, stderr: 'Segmentation fault' });
  assert.is(empty.status, 'unknown');
  assert.is(empty.reason, 'solver error: Segmentation fault');
  const killed = resultFromOutput('', { assertions: [], wantModel: [] }, { backend: 'z3-native', timeMs: 1, timedOut: true });
  assert.is(killed.reason, 'timeout');
  // z3 -T: prints a bare `timeout` when its whole-process limit ends it
  const hardLimit = resultFromOutput('timeout\n', { assertions: [], wantModel: [] }, { backend: 'z3-native', timeMs: 1 });
  assert.is(hardLimit.status, 'unknown');
  assert.is(hardLimit.reason, 'timeout');
  // z3 says 'canceled' for an exhausted rlimit too: the resource count tells them apart
  const rl = resultFromOutput('unknown\n(:reason-unknown "canceled")\n(:rlimit-count 1500)\n', { assertions: [], wantModel: [] }, { backend: 'z3-wasm', timeMs: 1, rlimit: 1000, resourceBase: 400 });
  assert.is(rl.reason, 'resource limit');
  assert.is(rl.resources, 1100);
  const to = resultFromOutput('unknown\n(:reason-unknown "canceled")\n(:rlimit-count 900)\n', { assertions: [], wantModel: [] }, { backend: 'z3-wasm', timeMs: 1, rlimit: 1000 });
  assert.is(to.reason, 'timeout');
});

test('sat with an unreadable model is still sat, with the reason recorded', () => {
  const out = `sat\n((a (_ as-array k!0)))\n`;
  const r = resultFromOutput(out, { assertions: [], wantModel: [a] }, { backend: 'z3-native', timeMs: 1 });
  assert.is(r.status, 'sat');
  assert.is(r.model, undefined);
  assert.ok(r.reason!.startsWith('model unavailable'));
});

test('a Bool array printed as a set of indices (native z3 on a poison mask, review 36 P2): members true, or false when negated; mixed forms refused', () => {
  const mask = arraySort(bvSort(96), BOOL);
  const one = decodeValue(readSExprs('(lambda ((x!1 (_ BitVec 96))) (= x!1 #x000000010000000000000013))')[0]!, mask) as ArrayModel;
  assert.is(arraySelect(one, (1n << 64n) | 0x13n), true);
  assert.is(arraySelect(one, (1n << 64n) | 0x14n), false);
  const two = decodeValue(readSExprs('(lambda ((x!1 (_ BitVec 96))) (or (= x!1 #x000000010000000000000013) (= #x000000020000000000000000 x!1)))')[0]!, mask) as ArrayModel;
  assert.is(arraySelect(two, 2n << 64n), true);
  assert.is(arraySelect(two, 3n << 64n), false);
  const not = decodeValue(readSExprs('(lambda ((x!1 (_ BitVec 96))) (not (= x!1 #x000000010000000000000013)))')[0]!, mask) as ArrayModel;
  assert.is(arraySelect(not, (1n << 64n) | 0x13n), false);
  assert.is(arraySelect(not, 7n), true);
  const and = decodeValue(readSExprs('(lambda ((x!1 (_ BitVec 96))) (and (not (= x!1 #x000000000000000000000001)) (not (= x!1 #x000000000000000000000002))))')[0]!, mask) as ArrayModel;
  assert.is(arraySelect(and, 2n), false);
  assert.is(arraySelect(and, 3n), true);
  assert.throws(() => decodeValue(readSExprs('(lambda ((x!1 (_ BitVec 96))) (or (= x!1 #x000000000000000000000001) (not (= x!1 #x000000000000000000000002))))')[0]!, mask));
  assert.throws(() => decodeValue(readSExprs('(lambda ((x!1 (_ BitVec 96))) (bvule x!1 #x000000000000000000000004))')[0]!, mask));
});

test('lambda array models: index tables directly, anything else tabulated over a small index sort', () => {
  const s = arraySort(bvSort(8), bvSort(8));
  const table = readSExprs('(lambda ((x!1 (_ BitVec 8))) (ite (= x!1 #x03) #x07 (ite (= #x05 x!1) #x01 #x00)))')[0]!;
  const t = decodeValue(table, s) as ArrayModel;
  assert.equal(t.entries, [[3n, 7n], [5n, 1n]]);
  assert.is(t.default, 0n);
  const ranged = readSExprs(`(lambda ((x!1 (_ BitVec 8)))
  (let ((a!1 (ite (and (not (bvule #x05 x!1)) (bvule #x04 x!1)) #xc8 #x01)))
    (ite (bvule #x04 x!1) a!1 #x05)))`)[0]!;
  const r = decodeValue(ranged, s) as ArrayModel;
  assert.is(arraySelect(r, 0n), 5n);
  assert.is(arraySelect(r, 3n), 5n);
  assert.is(arraySelect(r, 4n), 0xc8n);
  assert.is(arraySelect(r, 5n), 1n);
  assert.is(arraySelect(r, 255n), 1n);
  const wide = arraySort(bvSort(64), bvSort(8));
  assert.throws(() => decodeValue(readSExprs('(lambda ((x!1 (_ BitVec 64))) (ite (bvule #x0000000000000004 x!1) #x01 #x05))')[0]!, wide));
});

test('unknown reasons are normalised', () => {
  assert.is(unknownReason('timeout'), 'timeout');
  assert.is(unknownReason('canceled'), 'timeout');
  assert.is(unknownReason('max. resource limit exceeded'), 'resource limit');
  assert.is(unknownReason('(incomplete quantifiers)'), 'incomplete: (incomplete quantifiers)');
  assert.is(unknownReason(''), 'incomplete');
});

test('s-expression reader: strings with quotes, |symbols|, comments', () => {
  assert.equal(readSExprs('(error "a ""b"" c") ; note\n|x y| (a (b))'), [['error', '"a ""b"" c"'], '|x y|', ['a', ['b']]]);
  assert.throws(() => readSExprs('(a (b)'));
});

test.run();
