// Soundness probes (reviewer, round 4) of the target's own copy loops proved by cut points
// (verifier/tv/core/cut-copy.ts) and of string comparisons piece by piece (strings.ts
// segments / piece index cases). Each mutation of bits.show's MLIR is wrong only for some
// lengths — an empty label, a label of 256 bytes or more, a label longer than the unrolling
// bound — so only an unsound relation or piece split could prove it. Expected verdicts are
// what a correct validator may say; none may be `proved`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { disposeSolvers, setSolverDefaults } from '../../../../verifier/smt/solver.ts';
import { validateCoreFunction } from '../../../../verifier/tv/core/validate.ts';
import { corpusProgram, mutate } from './helpers.ts';

const opts = { unroll: 2, timeoutMs: 20_000 };

// one query cache for the file (solver.ts QueryCache, as `fidelity validate` keeps one per
// run): the probes leave some of show's queries byte-identical (its first copy loop's back
// edge, 2.9 M units, in two of them); an identical query has the same answer
setSolverDefaults({ cache: { answers: new Map() } });

async function verdictOf(program: string, fn: string, edit: (mlir: string) => string) {
  const { core, mlir } = corpusProgram(program);
  const mod = parseMlir(edit(mlir), `${program}.mlir`);
  const f = core.functions.find((x) => x.name === fn)!;
  return validateCoreFunction(core, f, mod, moduleInfo(mod), opts);
}

// the second loop's destination index `len_8 + i` as OFF(len_8) + i
// (computed before the loop: the loop keeps the copy shape)
const secondAt = (off: string) => (t: string) =>
  mutate(mutate(t, 'show', /(%\d+) = arith\.addi %len_8, (%i_\d+) : index/, '$1 = arith.addi %off, $2 : index'), 'show', /(\n\s+scf\.for %i_\d+ = %c0_7 to %len_9)/, `\n    ${off.replace(/\n\s*/g, '\n    ')}$1`);
// the first loop's bound len_8 as BOUND
const firstBound = (bound: string) => (t: string) => mutate(t, 'show', /scf\.for (%i_\d+) = %c0_7 to %len_8 step %c1_13 \{/, `${bound}\n    scf.for $1 = %c0_7 to %n1 step %c1_13 {`);

const probes: { name: string; edit: (t: string) => string; allowed: RegExp }[] = [
  {
    // labels of 256 bytes or more: the number overwrites the label's bytes from len % 256 on
    name: 'the number written at len(label) % 256',
    edit: secondAt('%m255 = arith.constant 255 : index\n      %off = arith.andi %len_8, %m255 : index'),
    allowed: /^(bounded\(2\)|refuted|unknown)$/,
  },
  {
    // empty label only: the number at offset 1 (its last byte past the buffer, byte 0 unwritten)
    name: 'the number written at offset 1 when the label is empty',
    edit: secondAt('%z = arith.cmpi eq, %len_8, %c0_7 : index\n      %one = arith.constant 1 : index\n      %off = arith.select %z, %one, %len_8 : index'),
    allowed: /^refuted$/,
  },
  {
    // labels longer than 8 bytes: their last byte is never copied (left uninitialised)
    name: 'the label copy one byte short for labels longer than 8',
    edit: firstBound('%c8x = arith.constant 8 : index\n    %long = arith.cmpi ugt, %len_8, %c8x : index\n    %lm1 = arith.subi %len_8, %c1_13 : index\n    %n1 = arith.select %long, %lm1, %len_8 : index'),
    allowed: /^(bounded\(2\)|refuted|unknown)$/,
  },
  {
    // labels longer than 300 bytes: the number's last byte is stored one past the buffer's end
    name: 'the number written one byte late (past the buffer) for labels longer than 300',
    edit: secondAt('%c300 = arith.constant 300 : index\n      %lg = arith.cmpi ugt, %len_8, %c300 : index\n      %l1 = arith.addi %len_8, %c1_13 : index\n      %off = arith.select %lg, %l1, %len_8 : index'),
    allowed: /^(bounded\(2\)|refuted|unknown)$/,
  },
  {
    // the label copy runs one iteration too many (reads label[len], writes the number's first byte's place) only for labels longer than 8
    name: 'the label copy one byte long for labels longer than 8',
    edit: firstBound('%c8x = arith.constant 8 : index\n    %long = arith.cmpi ugt, %len_8, %c8x : index\n    %lp1 = arith.addi %len_8, %c1_13 : index\n    %n1 = arith.select %long, %lp1, %len_8 : index'),
    allowed: /^(bounded\(2\)|refuted|unknown)$/,
  },
];

for (const p of probes) {
  test(`never proved: bits.show, ${p.name}`, async () => {
    const v = await verdictOf('bits', 'show', p.edit);
    if (process.env.PROBE_VERBOSE) console.log(p.name, "=>", v.verdict, v.detail.slice(0, 300));
    assert.match(v.verdict, p.allowed, `${v.verdict}: ${v.detail}`);
    if (v.verdict === 'refuted') assert.ok(v.counterexample, 'a refutation carries its replayed counterexample');
    // the mutated loops keep the copy shape: the unbounded proof was tried, not refused
    else assert.match(v.detail, /simulation relation does not hold/, v.detail);
  });
}

test.after(async () => {
  setSolverDefaults({ cache: undefined });
  await disposeSolvers();
});

test.run();
