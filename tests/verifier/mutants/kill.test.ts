// Mutants against the real validator: a hand-written module lowered by the real mlir-opt
// passes, mutants of the pass outputs, and validatePair on each. A few per operator family
// must be refuted; the expected-equivalent operators must be proved.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir, printMlir } from '../../../compiler/mlir/index.ts';
import type { Module } from '../../../compiler/mlir/ir.ts';
import { runTool } from '../../../compiler/toolchain/tools.ts';
import { operatorByName } from '../../../verifier/mutants/catalogue.ts';
import { focusModule } from '../../../verifier/mutants/focus.ts';
import { candidates, makeMutant, sitesFor } from '../../../verifier/mutants/generate.ts';
import { LOWERING } from '../../../verifier/mutants/pairs.ts';
import { loadValidator, verdictKind, type Validator } from '../../../verifier/mutants/validator.ts';
import { applyVariant } from '../../../verifier/mutants/variants.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { runMlir } from '../../../verifier/semantics/mlir/interp.ts';

const SRC = `
func.func private @sink(i64)
func.func @arith(%a: i64, %b: i64) -> i64 {
  %c3 = arith.constant 3 : i64
  %d = arith.subi %a, %b : i64
  %e = arith.shrsi %d, %c3 : i64
  %c = arith.cmpi slt, %a, %b : i64
  %r = scf.if %c -> i64 {
    scf.yield %d : i64
  } else {
    %x = arith.xori %e, %a : i64
    scf.yield %x : i64
  }
  return %r : i64
}
func.func @sum(%m: memref<?xi64>, %n: index) -> i64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0 : i64
  %s = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %z) -> (i64) {
    %v = memref.load %m[%i] : memref<?xi64>
    %t = arith.addi %acc, %v : i64
    scf.yield %t : i64
  }
  return %s : i64
}
func.func @put(%m: memref<4xi64>, %v: i64, %w: i64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  memref.store %v, %m[%c0] : memref<4xi64>
  memref.store %w, %m[%c1] : memref<4xi64>
  func.call @sink(%v) : (i64) -> ()
  return
}
func.func private @clef_fmt_u64(i64, memref<?xi8>) -> i64
func.func private @clef_write(memref<?xi8>)
func.func @show(%v: i64) {
  %c32 = arith.constant 32 : index
  %buf = memref.alloc(%c32) : memref<?xi8>
  %n = func.call @clef_fmt_u64(%v, %buf) : (i64, memref<?xi8>) -> i64
  func.call @clef_write(%buf) : (memref<?xi8>) -> ()
  return
}`;

// stage k is the output of LOWERING[k-1]; stage 0 is SRC
const stages: Module[] = [];
let validator: Validator | null = null;

test.before(async () => {
  validator = await loadValidator();
  let text = SRC;
  stages.push(parseMlir(text));
  for (const pass of LOWERING) {
    text = await runTool(pass, 'mlir-opt', [`--${pass}`, '-'], { input: text });
    stages.push(parseMlir(text));
  }
});

test.after(async () => {
  await disposeSolvers();
});

const stageOf = (pass: string) => LOWERING.indexOf(pass) + 1;

async function verdictOf(pass: string, operator: string, fn: string, variant = false): Promise<string> {
  const op = operatorByName(operator);
  assert.ok(op, operator);
  let src = stages[stageOf(pass) - 1]!;
  let tgt = stages[stageOf(pass)]!;
  if (variant) {
    src = applyVariant('overflow-flags', src);
    tgt = parseMlir(await runTool(pass, 'mlir-opt', [`--${pass}`, '-'], { input: printMlir(src) }));
  }
  const site = sitesFor(op!, candidates(tgt)).find((s) => s.fn === fn);
  assert.ok(site, `${operator} has no site in @${fn} after ${pass}`);
  const mutant = makeMutant(tgt, op!, site!);
  const r = await validator!(focusModule(src, fn), focusModule(mutant.module, fn), { unroll: 4, timeoutMs: 10000 });
  const v = r.find((x) => x.name === fn);
  assert.ok(v, `no verdict for @${fn}`);
  return `${v!.verdict}${v!.detail ? ` (${v!.detail.slice(0, 160)})` : ''}`;
}

test('validatePair is there', () => {
  assert.ok(validator, 'verifier/tv/validate.ts exports validatePair');
});

test('the unmutated pairs are validated', async () => {
  for (const [k, pass] of LOWERING.entries()) {
    const r = await validator!(stages[k]!, stages[k + 1]!, { unroll: 4, timeoutMs: 10000 });
    for (const v of r) assert.ok(['proved', 'bounded'].includes(verdictKind(v.verdict)), `${pass} @${v.name}: ${v.verdict} ${v.detail}`);
  }
});

// (pass whose output is mutated, operator, function): one per family at least, both levels
const KILLS: [string, string, string][] = [
  ['convert-scf-to-cf', 'arith-swap-sub', 'arith'],
  ['convert-scf-to-cf', 'arith-cmp-negate', 'arith'],
  ['convert-scf-to-cf', 'arith-loop-bound', 'sum'],
  ['convert-scf-to-cf', 'arith-shr-kind', 'arith'],
  ['convert-scf-to-cf', 'arith-const-inc', 'put'],
  ['convert-scf-to-cf', 'arith-add-nsw', 'arith'],
  ['convert-scf-to-cf', 'memref-drop-store', 'put'],
  ['convert-scf-to-cf', 'memref-load-index', 'sum'],
  ['convert-scf-to-cf', 'cf-swap-cond-br', 'arith'],
  ['convert-scf-to-cf', 'func-drop-call', 'put'],
  ['convert-scf-to-cf', 'func-dup-call', 'put'],
  ['convert-arith-to-llvm', 'llvm-swap-sub', 'arith'],
  ['convert-arith-to-llvm', 'llvm-cmp-signedness', 'arith'],
  ['convert-arith-to-llvm', 'llvm-shift-direction', 'arith'],
  ['convert-arith-to-llvm', 'llvm-swap-cond-br', 'sum'],
  ['reconcile-unrealized-casts', 'llvm-drop-store', 'put'],
  ['reconcile-unrealized-casts', 'llvm-store-shifted', 'put'],
  ['reconcile-unrealized-casts', 'llvm-gep-index', 'sum'],
  ['reconcile-unrealized-casts', 'llvm-gep-elem-type', 'put'],
  ['reconcile-unrealized-casts', 'llvm-extractvalue-index', 'sum'],
  ['reconcile-unrealized-casts', 'llvm-insertvalue-index', 'put'],
  ['reconcile-unrealized-casts', 'llvm-dup-call', 'put'],
  // a Format buffer one byte short of its size word: the runtime's precondition (UB at the call)
  ['finalize-memref-to-llvm', 'llvm-malloc-size', 'show'],
];

for (const [pass, operator, fn] of KILLS) {
  test(`${operator} after ${pass} (@${fn}) is refuted`, async () => {
    const v = await verdictOf(pass, operator, fn);
    assert.ok(v.startsWith('refuted'), v);
  });
}

/** The leading integer of a counterexample's value text (`-7 (unsigned 9) : i64`). */
const leadingInt = (text: string): bigint => BigInt(/-?\d+/.exec(text)![0]);

test('a killed mutant carries its counterexample, and it replays on the concrete interpreter', async () => {
  const pass = 'convert-scf-to-cf';
  const src = stages[stageOf(pass) - 1]!;
  const tgt = stages[stageOf(pass)]!;
  const op = operatorByName('arith-swap-sub')!;
  const site = sitesFor(op, candidates(tgt)).find((s) => s.fn === 'arith')!;
  const mutant = makeMutant(tgt, op, site).module;
  const r = (await validator!(focusModule(src, 'arith'), focusModule(mutant, 'arith'), { unroll: 4, timeoutMs: 10000 })).find((x) => x.name === 'arith')!;
  assert.is(verdictKind(r.verdict), 'refuted', r.detail);
  const cex = r.counterexample!;
  assert.ok(cex, 'the bridge keeps the counterexample');
  assert.is(cex.inputs.length, 2);
  // our own run of both sides on the counterexample's inputs, independent of the validator's replay
  const args = cex.inputs.map((x) => ({ kind: 'int' as const, w: 64, v: BigInt.asUintN(64, leadingInt(x.value)), poison: false }));
  const run = (m: Module) => {
    const out = runMlir(m, 'arith', args).values[0]!;
    assert.is(out.kind, 'int');
    return BigInt.asUintN(64, (out as { v: bigint }).v);
  };
  const a = run(stages[0]!);
  const b = run(mutant);
  assert.is.not(a, b, 'the counterexample separates source and mutant');
  assert.is(a, BigInt.asUintN(64, leadingInt(cex.src.replace(/^returns \(/, ''))));
  assert.is(b, BigInt.asUintN(64, leadingInt(cex.tgt.replace(/^returns \(/, ''))));
  // and the unmutated output agrees with the source there
  assert.is(run(tgt), a);
});

// Mutants that make the target loop forever where the source returns: a lasso refutation
// (verifier/tv/lasso.ts), never more than bounded(k) before it. Every site of the operator in
// the loop function is refuted, and one of them (the induction variable's increment skipped,
// or the step replaced by 0) by a concretely repeated state.
const NONTERMINATING: [string, string, string][] = [
  ['convert-scf-to-cf', 'arith-forward-operand', 'sum'],
  ['convert-arith-to-llvm', 'llvm-forward-operand', 'sum'],
];

for (const [pass, operator, fn] of NONTERMINATING) {
  test(`${operator} after ${pass} (@${fn}): the stuck loop is refuted as non-terminating`, async () => {
    const op = operatorByName(operator)!;
    const src = stages[stageOf(pass) - 1]!;
    const tgt = stages[stageOf(pass)]!;
    const sites = sitesFor(op, candidates(tgt)).filter((s) => s.fn === fn);
    assert.ok(sites.length >= 2, `${sites.length} sites`);
    const details: string[] = [];
    for (const site of sites) {
      const mutant = makeMutant(tgt, op, site).module;
      const v = (await validator!(focusModule(src, fn), focusModule(mutant, fn), { unroll: 4, timeoutMs: 10000 })).find((x) => x.name === fn)!;
      assert.is(verdictKind(v.verdict), 'refuted', v.detail);
      details.push(v.detail);
    }
    assert.ok(details.some((d) => d.includes('target does not terminate: state at ^')), details.join('\n'));
  });
}

const EQUIVALENT: [string, string, string, boolean][] = [
  ['convert-scf-to-cf', 'memref-dup-store', 'put', false],
  ['reconcile-unrealized-casts', 'llvm-dup-store', 'put', false],
  ['convert-scf-to-cf', 'arith-drop-overflow-flags', 'arith', true],
  ['convert-arith-to-llvm', 'llvm-drop-overflow-flags', 'arith', true],
];

for (const [pass, operator, fn, variant] of EQUIVALENT) {
  test(`${operator} after ${pass} (@${fn}) is proved equivalent`, async () => {
    const v = await verdictOf(pass, operator, fn, variant);
    assert.ok(v.startsWith('proved'), v);
  });
}

test.run();
