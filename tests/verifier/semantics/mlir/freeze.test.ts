// llvm.freeze (ops-freeze.ts; LangRef "'freeze' Instruction"), one definition run two ways:
// of a defined value it is the value; of poison an arbitrary value, asked of the driver once
// per execution and slot (concretely the interpreter's onFreeze, counted over the run; absent,
// 0), never poison itself; a pointer that may be poison is unsupported, named; and the
// symbolic run, evaluated under defined inputs, agrees with the concrete one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';
import { ConcreteMemory } from '../../../../verifier/semantics/mlir/concrete-memory.ts';
import { Interpreter, type CVal } from '../../../../verifier/semantics/mlir/interp.ts';
import { flatten, Unsupported } from '../../../../verifier/semantics/mlir/values.ts';
import { symbolicRun } from '../../../helpers/symbolic-run.ts';

const m = parseMlir(`llvm.func @f(%a: i32, %b: i32) -> !llvm.struct<(i32, i32)> {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  %x = llvm.add %a, %c1 overflow<nsw> : i32
  %u = llvm.mlir.undef : !llvm.struct<(i32, i32)>
  %s0 = llvm.insertvalue %x, %u[0] : !llvm.struct<(i32, i32)>
  %s1 = llvm.insertvalue %b, %s0[1] : !llvm.struct<(i32, i32)>
  %y = llvm.freeze %s1 : !llvm.struct<(i32, i32)>
  llvm.return %y : !llvm.struct<(i32, i32)>
}
llvm.func @p(%q: !llvm.ptr) -> !llvm.ptr {
  %y = llvm.freeze %q : !llvm.ptr
  llvm.return %y : !llvm.ptr
}`, 'freeze.mlir');

const int = (v: bigint, poison = false): CVal => ({ kind: 'int', w: 32, v: BigInt.asUintN(32, v), poison });

function run(fn: string, args: CVal[], onFreeze?: (n: number, w: number, poison: boolean) => bigint) {
  const info = moduleInfo(m);
  const interp = new Interpreter({ info, memory: new ConcreteMemory({ globalIds: new Map() }), external: () => { throw new Error('no calls'); }, ...(onFreeze ? { onFreeze } : {}) });
  return interp.runFunction(info.funcs.get(fn)!, args).flatMap((v) => flatten(v));
}

test('a defined value is frozen to itself; each slot is one execution', () => {
  const asked: [number, number, boolean][] = [];
  const r = run('f', [int(5n), int(-7n)], (n, w, p) => (asked.push([n, w, p]), 99n));
  assert.equal(r.map((x) => [x.kind === 'int' ? x.v : -1n, x.poison]), [[6n, false], [BigInt.asUintN(32, -7n), false]]);
  assert.equal(asked, [[0, 32, false], [1, 32, false]]);
});

test('poison is frozen to the driver\'s value (0 when none is given), not poison', () => {
  const asked: boolean[] = [];
  const r = run('f', [int(0x7fffffffn), int(3n)], (_n, _w, p) => (asked.push(p), 0xabcn));
  assert.equal(r.map((x) => [x.kind === 'int' ? x.v : -1n, x.poison]), [[0xabcn, false], [3n, false]]);
  assert.equal(asked, [true, false]);
  const d = run('f', [int(0n, true), int(3n)]);
  assert.equal(d.map((x) => [x.kind === 'int' ? x.v : -1n, x.poison]), [[0n, false], [3n, false]]);
});

test('a pointer that may be poison is unsupported, named', () => {
  assert.throws(() => run('p', [{ kind: 'ptr', bid: 0n, off: 0n, poison: true }]), (e: unknown) => e instanceof Unsupported && /llvm.freeze of a pointer/.test(e.message));
});

test('the symbolic run agrees on defined values', () => {
  for (const [a, b] of [[5n, 9n], [-3n, 0n], [0x7ffffffen, 1n]] as const) {
    const r = symbolicRun(m, [BigInt.asUintN(32, a), BigInt.asUintN(32, b)]);
    assert.is(r.ub, false);
    const c = run('f', [int(a), int(b)]);
    assert.equal(r.rets.map((x) => [x.v, x.poison]), c.map((x) => [x.kind === 'int' ? x.v : -1n, x.poison]));
  }
});

test.run();
