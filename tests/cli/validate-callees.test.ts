// `fidelity validate` notes the rows that rest on a callee's row that is not proved
// (bin/cli/validate-callees.ts): every check takes a call of a function with a body as that
// function's own row, so a `proved` caller of an `unknown` callee is proved only given it.
// No solver here: the call graph of real core-to-mlir output, and the notes of given rows.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../compiler/frontend.ts';
import { coreToMlir } from '../../compiler/codegen/core-to-mlir.ts';
import { parseMlir } from '../../compiler/mlir/parse.ts';
import type { Stage } from '../../compiler/passes/pass.ts';
import { calleesOf, jsonWithReliance, passCallees, passKey, relianceNotes } from '../../bin/cli/validate-callees.ts';
import type { PassVerdict } from '../../bin/cli/verdicts.ts';
import { ONE_EXECUTION } from '../../verifier/tv/core/closed-run.ts';

const SOURCE = `
let g (x: int) : int = x / 3

let f (x: int) : int = g x + g (x + 1)

let h (x: int) : int = x + 1

[<EntryPoint>]
let main _ =
    Console.writeln (Format.int (f 7))
    h 0
`;

const mlir = coreToMlir(frontEndText('callees.clef', SOURCE).core);

test('calleesOf: the functions with a body each function calls (no runtime declarations)', () => {
  const c = calleesOf(parseMlir(mlir, 'callees.mlir'));
  assert.equal(c.get('clef.f'), ['clef.g']);
  assert.equal(c.get('clef.g'), []);
  assert.equal([...(c.get('clef.main') ?? [])].sort(), ['clef.f', 'clef.h']);
});

const row = (pass: string, name: string, verdict: PassVerdict['verdict']): PassVerdict => ({ pass, name, verdict, detail: verdict, timeMs: 0 });

test('a proved or bounded row whose callee (directly or not) is not proved gets a note; others none', () => {
  const calls = new Map([[passKey(undefined, 'core-to-mlir'), calleesOf(parseMlir(mlir, 'callees.mlir'))]]);
  const rows = [row('core-to-mlir', 'clef.g', 'unknown'), row('core-to-mlir', 'clef.f', 'proved'), row('core-to-mlir', 'clef.h', 'proved'), row('core-to-mlir', 'clef.main', 'bounded(2)')];
  const notes = relianceNotes(rows, calls);
  assert.equal(notes, [
    'note: core-to-mlir @clef.f is proved given the rows of the functions it calls; not proved among them: @clef.g (unknown)',
    'note: core-to-mlir @clef.main is bounded(2) given the rows of the functions it calls; not proved among them: @clef.g (unknown)',
  ]);
  assert.equal(relianceNotes(rows.map((r) => ({ ...r, verdict: 'proved' })), calls), []);
});

test('a closed function proved by its one execution rests on no callee row: no note', () => {
  const calls = new Map([[passKey(undefined, 'core-to-mlir'), calleesOf(parseMlir(mlir, 'callees.mlir'))]]);
  const closed: PassVerdict = { ...row('core-to-mlir', 'clef.main', 'proved'), detail: `Core refines to the MLIR (${ONE_EXECUTION}, 120 MLIR steps, 1 writes)` };
  const rows = [row('core-to-mlir', 'clef.g', 'unknown'), row('core-to-mlir', 'clef.f', 'proved'), row('core-to-mlir', 'clef.h', 'proved'), closed];
  assert.equal(relianceNotes(rows, calls), ['note: core-to-mlir @clef.f is proved given the rows of the functions it calls; not proved among them: @clef.g (unknown)']);
  // the same row proved symbolically (modular) keeps its note
  assert.is(relianceNotes([...rows.slice(0, 3), row('core-to-mlir', 'clef.main', 'proved')], calls).length, 2);
});

test('passCallees: core-to-mlir reads its own output, an upstream pass its source stage', () => {
  const stage = (index: number, pass: string, text: string): Stage => ({ index, pass, kind: index === 0 ? 'core' : 'mlir', text, file: `${index}.mlir`, ms: 0 } as Stage);
  const without = mlir.replace(/call @clef\.g\(/g, 'call @clef.h(');
  assert.is.not(without, mlir);
  const m = passCallees([stage(0, 'elaborate', ''), stage(1, 'core-to-mlir', mlir), stage(2, 'convert-scf-to-cf', without)]);
  assert.equal(m.get(passKey(undefined, 'core-to-mlir'))?.get('clef.f'), ['clef.g']);
  assert.equal(m.get(passKey(undefined, 'convert-scf-to-cf'))?.get('clef.f'), ['clef.g']);
  assert.is(m.size, 2);
});

test('audit: rows of several programs, each noted against its own program\'s rows', () => {
  const calls = calleesOf(parseMlir(mlir, 'callees.mlir'));
  const callees = new Map([[passKey('a.clef', 'cse'), calls], [passKey('b.clef', 'cse'), calls]]);
  const rows: PassVerdict[] = [
    { ...row('cse', 'clef.g', 'unknown'), file: 'a.clef' }, { ...row('cse', 'clef.f', 'proved'), file: 'a.clef' },
    { ...row('cse', 'clef.g', 'proved'), file: 'b.clef' }, { ...row('cse', 'clef.f', 'proved'), file: 'b.clef' },
  ];
  assert.equal(relianceNotes(rows, callees), ['note: a.clef cse @clef.f is proved given the rows of the functions it calls; not proved among them: @clef.g (unknown)']);
});

test('--json: each row that gets a note carries unproved_callees; the other records are as before', () => {
  const calls = calleesOf(parseMlir(mlir, 'callees.mlir'));
  const callees = new Map([[passKey('a.clef', 'cse'), calls]]);
  const rows: PassVerdict[] = [
    { ...row('cse', 'clef.g', 'unknown'), file: 'a.clef' }, { ...row('cse', 'clef.f', 'proved'), file: 'a.clef' },
    { ...row('cse', 'clef.h', 'proved'), file: 'a.clef' }, { ...row('cse', 'clef.main', 'bounded(2)'), file: 'a.clef' },
    // the same names in another program whose calls are not given: no field
    { ...row('cse', 'clef.f', 'proved'), file: 'b.clef' },
  ];
  const json = jsonWithReliance(rows, callees);
  assert.equal(json.map((r) => r['unproved_callees']), [undefined, [{ name: 'clef.g', verdict: 'unknown' }], undefined, [{ name: 'clef.g', verdict: 'unknown' }], undefined]);
  assert.equal(json[0], { file: 'a.clef', pass: 'cse', name: 'clef.g', verdict: 'unknown', detail: 'unknown', time_ms: 0 });
  // tv's rows have no pass and no file
  const tv = jsonWithReliance([{ name: 'clef.g', verdict: 'refuted', detail: 'refuted', timeMs: 1 }, { name: 'clef.f', verdict: 'proved', detail: 'proved', timeMs: 1 }], new Map([[passKey(undefined, ''), calls]]));
  assert.equal(tv[1], { name: 'clef.f', verdict: 'proved', detail: 'proved', time_ms: 1, unproved_callees: [{ name: 'clef.g', verdict: 'refuted' }] });
});

test.run();
