// Soundness probes (reviewer): attributes that change what a function means. LLVM's
// `noundef` on an argument makes a poison argument UB; `noalias` arguments that alias and are
// written are UB; a callee declared `memory = none` (or `readnone`) neither reads nor writes
// memory; a `willreturn` function that does not return is UB. The semantics models none of
// them, so a pair carrying one cannot be decided by
// ignoring it: ignored on the target it hides new UB (a wrong `proved`), ignored on the
// source or a callee it admits counterexamples that break it (a wrong `refuted`). Before the
// check in verifier/tv/validate.ts (pairFunctions) the noundef and willreturn probes were
// `proved`, the noalias and memory(none) ones `refuted`, each with a "replayed"
// counterexample that violates the attribute.
// A callee declared with another result type in the target was `proved` too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairVerdict } from './pair-verdict.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const RET1 = `  %c1 = llvm.mlir.constant(1 : i32) : i32
  llvm.return %c1 : i32
}`;

test('a target that adds llvm.noundef to an argument (UB for a poison argument): not proved', async () => {
  const v = await pairVerdict(`llvm.func @f(%x: i32) -> i32 {\n${RET1}`, `llvm.func @f(%x: i32 {llvm.noundef}) -> i32 {\n${RET1}`);
  assert.match(v, /^unsupported: .*llvm\.noundef/, v);
});

/** Stores 1 to p and 2 to q, then returns the load of p (src) or 1 (tgt, valid for noalias). */
function storeForward(attr: string, forwarded: boolean): string {
  return `llvm.func @f(%p: !llvm.ptr${attr}, %q: !llvm.ptr${attr}) -> i32 {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %c2 = llvm.mlir.constant(2 : i32) : i32
  llvm.store %c1, %p : i32, !llvm.ptr
  llvm.store %c2, %q : i32, !llvm.ptr
${forwarded ? '  llvm.return %c1 : i32' : '  %r = llvm.load %p : !llvm.ptr -> i32\n  llvm.return %r : i32'}
}`;
}

test('store-to-load forwarding past a store through another llvm.noalias argument: not refuted', async () => {
  const v = await pairVerdict(storeForward(' {llvm.noalias}', false), storeForward(' {llvm.noalias}', true));
  assert.match(v, /^unsupported: .*llvm\.noalias/, v);
  // without the attribute the pointers may alias: refuted (the engine's own answer stays)
  assert.match(await pairVerdict(storeForward('', false), storeForward('', true)), /^refuted/);
});

/** Loads p, calls @g, returns the load after the call (src) or the one before it (tgt). */
function loadAcrossCall(decl: string, reload: boolean): string {
  return `llvm.func @g()${decl}
llvm.func @f(%p: !llvm.ptr) -> i32 {
  %v = llvm.load %p : !llvm.ptr -> i32
  llvm.call @g() : () -> ()
${reload ? '  %w = llvm.load %p : !llvm.ptr -> i32\n  llvm.return %w : i32' : '  llvm.return %v : i32'}
}`;
}

test('a load reused across a call of a callee declared memory(none): not refuted', async () => {
  // mlir-translate makes the declaration `declare void @g() memory(none)`
  const decl = ' attributes {memory = #llvm.memory_effects<other = none, argMem = none, inaccessibleMem = none>}';
  const v = await pairVerdict(loadAcrossCall(decl, true), loadAcrossCall(decl, false));
  assert.match(v, /^unsupported: /, v);
  assert.not.match(v, /^refuted/, v);
});

test('a target function marked willreturn that loops forever (UB in LLVM): not proved', async () => {
  const loop = (attrs: string) => `llvm.func @f() -> i32${attrs} {
  llvm.br ^h
^h:
  llvm.br ^h
}`;
  assert.match(await pairVerdict(loop(''), loop('')), /^proved/);
  const v = await pairVerdict(loop(''), loop(' attributes {passthrough = ["willreturn"]}'));
  assert.match(v, /^unsupported: .*willreturn/, v);
});

test('a callee that may write memory: the reused load is refuted, replayed (the check stays)', async () => {
  assert.match(await pairVerdict(loadAcrossCall('', true), loadAcrossCall('', false)), /^refuted/);
});

test('attributes without effect on the meaning (noinline, nounwind) change nothing', async () => {
  const decl = ' attributes {passthrough = ["noinline", "nounwind"]}';
  assert.match(await pairVerdict(loadAcrossCall(decl, true), loadAcrossCall(decl, false)), /^refuted/);
  assert.match(await pairVerdict(loadAcrossCall(decl, true), loadAcrossCall(decl, true)), /^proved/);
});

test('a callee whose result type differs between the modules (i32 vs i64, truncated): not proved', async () => {
  const src = `func.func private @ext(i32) -> i32
func.func @f(%x: i32) -> i32 {
  %r = func.call @ext(%x) : (i32) -> i32
  return %r : i32
}`;
  const tgt = `func.func private @ext(i32) -> i64
func.func @f(%x: i32) -> i32 {
  %r0 = func.call @ext(%x) : (i32) -> i64
  %r = arith.trunci %r0 : i64 to i32
  return %r : i32
}`;
  const v = await pairVerdict(src, tgt);
  assert.match(v, /^unsupported: .*@ext is declared differently/, v);
  // the same declaration on both sides: proved
  assert.match(await pairVerdict(src, src), /^proved/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
