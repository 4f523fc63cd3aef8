// Divergence with the bodies run (verifier/tv/replay.ts divergesWithBodies, issue 4 U4): a
// target loop that calls module functions and never advances. In the modular replay each
// call's answer is the model's by its number, so no state repeats across a call; run with the
// callees' bodies the run is deterministic, and its scf.while coming back in an earlier state
// refutes. The callees are the source module's for both sides, so a callee the pass broke is
// not blamed on its caller.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { runTool } from '../../../compiler/toolchain/tools.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import type { ValidateOptions } from '../../../verifier/tv/verdict.ts';
import { withRlimit } from '../../helpers/effort.ts';
import { moduleInfo } from '../../../verifier/semantics/mlir/module-info.ts';
import { programMemory, runMlir } from '../../../verifier/semantics/mlir/interp.ts';
import { Diverges } from '../../../verifier/tv/lasso-replay.ts';
import { i64, watched } from '../../helpers/watch.ts';
import { bodiesWatch, runProgress } from '../../../verifier/tv/lasso-bodies.ts';

const FILE = join(dirname(fileURLToPath(import.meta.url)), 'upstream', 'int-range-optimizations-memref-yield.mlir');
const SRC = readFileSync(FILE, 'utf8');

/** Only the concrete tests decide: every query stops at once (a resource limit of one unit,
 *  not a wall time), and the tests' budget is steps, not milliseconds. */
function testsOnly(src: string, tgt: string, more: Partial<ValidateOptions> = {}) {
  return withRlimit(() => validatePair(parseMlir(src, 'src.mlir'), parseMlir(tgt, 'tgt.mlir'), { unroll: 2, timeoutMs: 60_000, concreteBudget: { ms: Infinity, steps: 4_000_000 }, ...more }), 1);
}

test('a concrete test the modular replay cannot decide is refuted by the run with the bodies: the target never advances', async () => {
  const tgt = await runTool('upstream pass', 'mlir-opt', ['--int-range-optimizations'], { input: SRC });
  const vs = await testsOnly(SRC, tgt);
  const v = vs.find((x) => x.name === 'count')!;
  assert.is(v.verdict, 'refuted', v.detail);
  // modularly every input was UB at the call's memref result (the inputs' call answers are no
  // descriptors of its type) or ran out of steps: unknown before
  assert.match(v.detail, /^refuted \(concrete test: /);
  assert.match(v.detail, /target does not terminate: state at the scf\.while of %\d+ in @count repeats after 1 iteration/);
  assert.match(v.detail, /run with the bodies of the called functions and the runtime library's models/);
  assert.match(v.counterexample!.src, /^returns \(\d+ : i64\)/);
});

test("a callee the pass broke is not blamed on its unchanged caller (the source's callees run on both sides)", async () => {
  // @walk follows @next from 0 to n; the target's @next returns its argument: with its own
  // body, the target's @walk would come back to its scf.while in the same state (pos 0, the
  // same bytes stored; it was refuted so); with the source's @next both sides walk alike. The
  // target's @walk stores pos + (pos * pos - pos * pos), the same value, so that it is no
  // longer proved at once (and no cut-point proof: only the concrete tests decide)
  const walk = SRC.replace(/func\.func @count[^]*$/, `func.func @walk(%n: i64, %out: memref<1xi64>) -> i64 {
    %c0 = arith.constant 0 : i64
    %i0 = arith.constant 0 : index
    %r = scf.while (%pos = %c0) : (i64) -> i64 {
      %go = arith.cmpi slt, %pos, %n : i64
      scf.condition(%go) %pos : i64
    } do {
    ^bb0(%pos: i64):
      %nx:2 = func.call @next(%pos) : (i64) -> (i64, memref<?xi8>)
      memref.store %pos, %out[%i0] : memref<1xi64>
      scf.yield %nx#0 : i64
    }
    return %r : i64
  }
}
`);
  const broken = walk
    .replace('%p1 = arith.addi %pos, %c1 : i64', '%p1 = arith.addi %pos, %c0 : i64')
    .replace('memref.store %pos, %out[%i0] : memref<1xi64>', '%m = arith.muli %pos, %pos : i64\n      %q = arith.subi %m, %m : i64\n      %z = arith.addi %pos, %q : i64\n      memref.store %z, %out[%i0] : memref<1xi64>');
  assert.ok(broken !== walk && walk !== SRC && broken.includes('%z = arith.addi'));
  const vs = await testsOnly(walk, broken, { cutpoints: false, concreteBudget: { ms: Infinity, steps: 1_000_000 } });
  const w = vs.find((x) => x.name === 'walk')!;
  assert.ok(w.verdict !== 'refuted', `@walk: ${w.detail}`);
  const next = vs.find((x) => x.name === 'next')!;
  assert.is(next.verdict, 'refuted', next.detail);
});

test('a pair whose loop advances is never refuted by the run with the bodies', async () => {
  // the same module on both sides: every test run returns alike, or is UB in the source
  const vs = await testsOnly(SRC, SRC);
  for (const v of vs) assert.ok(v.verdict !== 'refuted', `@${v.name}: ${v.detail}`);
});

test('a loop that leaks a block per iteration and never advances is refuted (fresh blocks no pointer reaches are not its state)', async () => {
  // @next returns a fresh buffer: each iteration of the target's scf.while leaks one, so its
  // state never repeated exactly
  const leaky = SRC.replace('%neg = arith.cmpi slt, %pos, %c0 : i64', '%neg = arith.cmpi slt, %pos, %c0 : i64\n    %c4 = arith.constant 4 : index\n    %buf = memref.alloc(%c4) : memref<?xi8>').replace('scf.yield %p1, %e : i64, memref<?xi8>', 'scf.yield %p1, %buf : i64, memref<?xi8>');
  assert.ok(leaky.includes('scf.yield %p1, %buf'));
  const tgt = await runTool('upstream pass', 'mlir-opt', ['--int-range-optimizations'], { input: leaky });
  assert.match(tgt, /scf\.condition\(%\d+\) %c0_i64, %c0_i64/);
  const vs = await testsOnly(leaky, tgt);
  const v = vs.find((x) => x.name === 'count')!;
  assert.is(v.verdict, 'refuted', v.detail);
  assert.match(v.detail, /target does not terminate: state at the scf\.while of %\d+ in @count repeats/);
});

test("a source callee run in the target's place calls the source's functions the target inlined and erased (not a call the model answers)", async () => {
  // review 29: @g's loop steps by @h(), 1; the target inlined @h into @g and @k into @f and
  // erased both. Run with the source's callees, the source's @g called @h, absent from the
  // target module: the concrete test's call answer 0 made its loop stand still, and @f was
  // refuted as never returning
  const src = `func.func private @h() -> i64 {
  %c1 = arith.constant 1 : i64
  return %c1 : i64
}
func.func private @k() -> index {
  %c3 = arith.constant 3 : index
  return %c3 : index
}
func.func @g(%x: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %s = func.call @h() : () -> i64
  %w = scf.while (%v = %x) : (i64) -> i64 {
    %go = arith.cmpi sgt, %v, %c0 : i64
    scf.condition(%go) %v : i64
  } do {
  ^bb0(%v: i64):
    %v1 = arith.subi %v, %s : i64
    scf.yield %v1 : i64
  }
  return %w : i64
}
func.func @f(%x: i64) -> i64 {
  %c1 = arith.constant 1 : index
  %one = arith.constant 1 : i64
  %a = memref.alloca() : memref<6xi64>
  %k = func.call @k() : () -> index
  %i = arith.subi %k, %c1 : index
  memref.store %x, %a[%i] : memref<6xi64>
  %y = memref.load %a[%i] : memref<6xi64>
  %y1 = arith.addi %y, %one : i64
  %r = func.call @g(%y1) : (i64) -> i64
  return %r : i64
}`;
  const tgt = `func.func @g(%arg0: i64) -> i64 {
  %c0_i64 = arith.constant 0 : i64
  %c1_i64 = arith.constant 1 : i64
  %0 = scf.while (%arg1 = %arg0) : (i64) -> i64 {
    %1 = arith.cmpi sgt, %arg1, %c0_i64 : i64
    scf.condition(%1) %arg1 : i64
  } do {
  ^bb0(%arg1: i64):
    %1 = arith.subi %arg1, %c1_i64 : i64
    scf.yield %1 : i64
  }
  return %0 : i64
}
func.func @f(%arg0: i64) -> i64 {
  %c2 = arith.constant 2 : index
  %c1_i64 = arith.constant 1 : i64
  %alloca = memref.alloca() : memref<6xi64>
  memref.store %arg0, %alloca[%c2] : memref<6xi64>
  %0 = memref.load %alloca[%c2] : memref<6xi64>
  %1 = arith.addi %0, %c1_i64 : i64
  %2 = func.call @g(%1) : (i64) -> i64
  return %2 : i64
}`;
  const vs = await testsOnly(src, tgt, { concreteBudget: { ms: Infinity, steps: 1_000_000 } });
  const f = vs.find((x) => x.name === 'f')!;
  assert.ok(f.verdict !== 'refuted', `@f: ${f.detail}`);
  // a target whose own @f never ends is still refuted so
  const stuck = tgt.replace('%1 = arith.addi %0, %c1_i64 : i64\n  %2 = func.call @g(%1)', '%1 = arith.addi %0, %c1_i64 : i64\n  %z = scf.while (%q = %1) : (i64) -> i64 {\n    %go = arith.cmpi sgt, %q, %0 : i64\n    scf.condition(%go) %q : i64\n  } do {\n  ^bb0(%q: i64):\n    scf.yield %q : i64\n  }\n  %2 = func.call @g(%z)');
  assert.ok(stuck !== tgt);
  const vs2 = await testsOnly(src, stuck, { concreteBudget: { ms: Infinity, steps: 1_000_000 } });
  const f2 = vs2.find((x) => x.name === 'f')!;
  assert.is(f2.verdict, 'refuted', f2.detail);
});

// the watch alone, on runs of the MLIR interpreter: tests/helpers/watch.ts

test('the watch: progress kept in a fresh block a value in scope points to is state (no repeat); a loop stuck with leaked blocks repeats', () => {
  // the counter lives in a block allocated before the loop: every visit differs in its bytes
  const counter = (step: string) => `func.func @f(%n: i64) -> i64 {
  %c0 = arith.constant 0 : index
  %z = arith.constant 0 : i64
  %one = arith.constant ${step} : i64
  %cell = memref.alloc() : memref<1xi64>
  memref.store %z, %cell[%c0] : memref<1xi64>
  %r = scf.while (%t = %z) : (i64) -> i64 {
    %k = memref.load %cell[%c0] : memref<1xi64>
    %go = arith.cmpi slt, %k, %n : i64
    scf.condition(%go) %k : i64
  } do {
  ^bb0(%k: i64):
    %junk = memref.alloc() : memref<8xi8>
    %k1 = arith.addi %k, %one : i64
    memref.store %k1, %cell[%c0] : memref<1xi64>
    scf.yield %z : i64
  }
  return %r : i64
}`;
  const ok = watched(counter('1'), 'f', [i64(5n)]);
  assert.is(ok.kind, 'returns');
  assert.is(ok.kind === 'returns' && (ok.values[0] as { v: bigint }).v, 5n);
  const stuck = watched(counter('0'), 'f', [i64(5n)]);
  assert.equal(stuck, { kind: 'diverges', at: 'the scf.while of %r in @f' });
});

test('the watch: a pointer carried into the head keeps its block in the state', () => {
  // each iteration allocates a new cell, copies the counter into it plus one, and carries the
  // new cell on: the old cells are garbage, the carried one is state
  const text = `func.func @f(%n: i64) -> i64 {
  %c0 = arith.constant 0 : index
  %z = arith.constant 0 : i64
  %one = arith.constant 1 : i64
  %cell0 = memref.alloc() : memref<1xi64>
  memref.store %z, %cell0[%c0] : memref<1xi64>
  %r = scf.while (%cell = %cell0) : (memref<1xi64>) -> memref<1xi64> {
    %k = memref.load %cell[%c0] : memref<1xi64>
    %go = arith.cmpi slt, %k, %n : i64
    scf.condition(%go) %cell : memref<1xi64>
  } do {
  ^bb0(%cell: memref<1xi64>):
    %k = memref.load %cell[%c0] : memref<1xi64>
    %k1 = arith.addi %k, %one : i64
    %next = memref.alloc() : memref<1xi64>
    memref.store %k1, %next[%c0] : memref<1xi64>
    scf.yield %next : memref<1xi64>
  }
  %k = memref.load %r[%c0] : memref<1xi64>
  return %k : i64
}`;
  const r = watched(text, 'f', [i64(4n)]);
  assert.is(r.kind, 'returns');
});

test('the watch: a callee run twice with the same loop state is no repeat (each activation on its own)', () => {
  const text = `func.func @h(%m: i64) -> i64 {
  %z = arith.constant 0 : i64
  %one = arith.constant 1 : i64
  %r = scf.while (%i = %z) : (i64) -> i64 {
    %go = arith.cmpi slt, %i, %m : i64
    scf.condition(%go) %i : i64
  } do {
  ^bb0(%i: i64):
    %i1 = arith.addi %i, %one : i64
    scf.yield %i1 : i64
  }
  return %r : i64
}
func.func @f(%m: i64) -> i64 {
  %a = func.call @h(%m) : (i64) -> i64
  %b = func.call @h(%m) : (i64) -> i64
  %s = arith.addi %a, %b : i64
  return %s : i64
}`;
  const r = watched(text, 'f', [i64(3n)]);
  assert.is(r.kind, 'returns');
  assert.is(r.kind === 'returns' && (r.values[0] as { v: bigint }).v, 6n);
});

test('the watch: reads of unwritten memory that take a value (one of undef\'s, another each time) are progress', () => {
  // the loop reads its unwritten byte until it is 7: with undef read as a defined value, a
  // different one at every read (the replay's rerun of a target that computes with undef),
  // it ends; the state at its head is otherwise the same at every visit
  const text = `func.func @f() -> i64 {
  %c0 = arith.constant 0 : index
  %z = arith.constant 0 : i64
  %seven = arith.constant 7 : i8
  %buf = memref.alloc() : memref<1xi8>
  %r = scf.while (%t = %z) : (i64) -> i64 {
    %b = memref.load %buf[%c0] : memref<1xi8>
    %go = arith.cmpi ne, %b, %seven : i8
    scf.condition(%go) %t : i64
  } do {
  ^bb0(%t: i64):
    scf.yield %t : i64
  }
  return %r : i64
}`;
  const m = parseMlir(text, 'undef.mlir');
  const info = moduleInfo(m);
  const run = (progress: (mem: ReturnType<typeof programMemory>) => () => string) => {
    const memory = programMemory(info, undefined, true);
    try {
      runMlir(m, 'f', [], memory, { maxSteps: 200_000, watch: () => bodiesWatch([info], memory, progress(memory)) ?? {} });
      return 'returns';
    } catch (e) {
      if (e instanceof Diverges) return 'diverges';
      throw e;
    }
  };
  // the replay's progress counts them (verifier/tv/replay.ts runSide); without, a false repeat
  assert.is(run((mem) => () => runProgress(mem, 0)), 'returns');
  assert.is(run(() => () => '0'), 'diverges');
});

test('the watch: a module that makes an integer of an address is outside its fragment', () => {
  const m = parseMlir(`func.func @f(%p: memref<?xi8>) -> index {
  %a = memref.extract_aligned_pointer_as_index %p : memref<?xi8> -> index
  return %a : index
}`, 'addr.mlir');
  const info = moduleInfo(m);
  assert.is(bodiesWatch([info], programMemory(info), () => 0), null);
  const ptrs = moduleInfo(parseMlir(`func.func @g(%p: memref<4xmemref<?xi8>>) { return }`, 'ptrs.mlir'));
  assert.is(bodiesWatch([ptrs], programMemory(ptrs), () => 0), null);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
