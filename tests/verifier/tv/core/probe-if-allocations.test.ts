// Soundness probe: an allocation in each branch of an scf.if.
// Both take the same allocation counter value, so their blocks have one id; a private
// block's bytes live in its own arrays, and a read took the last candidate whose id matched
// (semantics/mlir/symbolic-memory.ts readBytePlain) — the else branch's block, dead on the
// then path but with the else path's arrays merged in. A target whose then branch stores 7
// where Core returns 1 (and whose else branch stores `c ? 1 : 2`) read as 1 on the then path:
// `proved`, while a real run returns 7. A private candidate among several is now hit only
// where it is alive. The same with one allocation escaping was an "engine bug" (a
// counterexample that did not replay: the then path read the else buffer's unwritten bytes).
// Round 3: one branch's buffer handed to a runtime call (it escapes) and the other's not was
// proved too (both orders); the MLIR -> MLIR form is tests/verifier/tv/pairs/if_alloc_join_*.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { runProgram } from '../../../../verifier/semantics/mlir/interp.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { probeProgram } from './helpers.ts';

const p = probeProgram('probe-if-allocations', `
let f (c: bool) : int =
    if c then 1 else 2

let g (c: bool) (s: string) : string =
    let t = if c then s + "a" else s + "bb"
    t + "!"

[<EntryPoint>]
let main argv =
    Console.writeln (Format.int (f true))
    0
`);

/** The target with its `@clef.f` replaced by `body`. */
function withF(body: string): (t: string) => string {
  return (t) => {
    const s = t.indexOf('func.func @clef.f(');
    const e = t.indexOf('\n  }\n', s) + 4;
    if (s < 0 || e < 4) throw new Error('no @clef.f');
    return t.slice(0, s) + body + t.slice(e);
  };
}

/** `@clef.f` as a buffer allocated (`kind`) in each branch, the then branch storing `thenV`. */
function branches(kind: string, thenV: number): (t: string) => string {
  const body = `func.func @clef.f(%c_0: i1) -> i64 {
    %z = arith.constant 0 : index
    %m = scf.if %c_0 -> memref<1xi64> {
      %a = ${kind}() : memref<1xi64>
      %g = arith.constant ${thenV} : i64
      memref.store %g, %a[%z] : memref<1xi64>
      scf.yield %a : memref<1xi64>
    } else {
      %b = ${kind}() : memref<1xi64>
      %one = arith.constant 1 : i64
      %two = arith.constant 2 : i64
      %v = arith.select %c_0, %one, %two : i64
      memref.store %v, %b[%z] : memref<1xi64>
      scf.yield %b : memref<1xi64>
    }
    %r = memref.load %m[%z] : memref<1xi64>
    return %r : i64
  }`;
  return withF(body);
}

/** As `branches`, but memref<?xi32> views, and the then (`escThen`) or else branch's buffer
 *  handed to a runtime call (`@clef_zero_i32`) before its store: it escapes, the other's does
 *  not. (Round 3: before the liveness fix, both orders were proved with the then branch storing 7.) */
function escaping(kind: string, thenV: number, escThen: boolean): (t: string) => string {
  const T = 'memref<?xi32, strided<[1], offset: ?>>';
  const br = (n: string, val: string, escape: boolean) => `
      %${n} = ${kind}() : memref<1xi32>
      %${n}v = memref.cast %${n} : memref<1xi32> to ${T}
      ${escape ? `func.call @clef_zero_i32(%${n}v) : (${T}) -> ()` : ''}
      ${val}
      memref.store %${n}x, %${n}v[%z] : ${T}
      scf.yield %${n}v : ${T}`;
  const body = `func.func @clef.f(%c_0: i1) -> i64 {
    %z = arith.constant 0 : index
    %m = scf.if %c_0 -> ${T} {${br('a', `%ax = arith.constant ${thenV} : i32`, escThen)}
    } else {${br('b', `%one = arith.constant 1 : i32\n      %two = arith.constant 2 : i32\n      %bx = arith.select %c_0, %one, %two : i32`, !escThen)}
    }
    %r = memref.load %m[%z] : ${T}
    %r64 = arith.extsi %r : i32 to i64
    return %r64 : i64
  }`;
  return withF(body);
}

test('the wrong target is wrong in a real run (7, not 1)', () => {
  assert.equal(runProgram(parseMlir(p.mlir, 'p.mlir')).stdout, '1\n');
  assert.equal(runProgram(parseMlir(branches('memref.alloc', 7)(p.mlir), 'p.mlir')).stdout, '7\n');
});

for (const kind of ['memref.alloc', 'memref.alloca']) {
  test(`${kind} in each branch, the then branch storing a wrong value: refuted, not proved`, async () => {
    assert.match(await p.verdict('f', branches(kind, 7)), /^refuted: .*Core 1, MLIR 7/);
  });
}

test('the same with the right value: proved', async () => {
  assert.match(await p.verdict('f', branches('memref.alloc', 1)), /^proved/);
});

test('one branch\'s buffer escapes to a runtime call, the other\'s does not: wrong targets refuted', async () => {
  assert.equal(runProgram(parseMlir(escaping('memref.alloc', 7, true)(p.mlir), 'p.mlir')).stdout, '7\n');
  assert.match(await p.verdict('f', escaping('memref.alloc', 7, true)), /^refuted: .*Core 1, MLIR 7/);
  assert.match(await p.verdict('f', escaping('memref.alloca', 7, false)), /^refuted: .*Core 1, MLIR 7/);
});

test('the same escaping with the right value: proved', async () => {
  assert.match(await p.verdict('f', escaping('memref.alloca', 1, true)), /^proved/);
});

test('a string built in each branch, then copied: no engine bug (was a non-replaying counterexample)', async () => {
  assert.not.match(await p.verdict('g'), /engine bug|^refuted/);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
