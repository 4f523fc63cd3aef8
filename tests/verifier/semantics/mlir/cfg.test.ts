// Loop structure of a CFG region (cfg.ts): natural loops, nesting and the values a loop
// defines that are used after it exits (liveOut, whose order the symbolic executor's merge
// at loop exits follows). The analysis is computed once per region: a second call gives the
// same answer object.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { analyzeCfg } from '../../../../verifier/semantics/mlir/cfg.ts';
import { moduleInfo } from '../../../../verifier/semantics/mlir/module-info.ts';

const nested = `func.func @f(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  cf.br ^outer(%c0 : i64)
^outer(%i: i64):
  %ci = arith.cmpi slt, %i, %n : i64
  cf.cond_br %ci, ^inner(%c0 : i64), ^exit
^inner(%j: i64):
  %s = arith.addi %i, %j : i64
  %cj = arith.cmpi slt, %j, %n : i64
  cf.cond_br %cj, ^innerbody, ^latch
^innerbody:
  %j2 = arith.addi %j, %c1 : i64
  cf.br ^inner(%j2 : i64)
^latch:
  %i2 = arith.addi %s, %c1 : i64
  cf.br ^outer(%i2 : i64)
^exit:
  %z = arith.extui %ci : i1 to i64
  %r = arith.addi %i, %z : i64
  %t = arith.addi %r, %i : i64
  return %t : i64
}`;

const body = () => moduleInfo(parseMlir(nested, 't.mlir')).funcs.get('f')!.body!;
const names = (vs: { name: string }[]) => vs.map((v) => v.name.replace(/^%/, ''));

test('nested natural loops: headers, bodies, nesting', () => {
  const cfg = analyzeCfg(body());
  assert.equal([...cfg.loops.keys()].sort(), [1, 2]);
  assert.equal([...cfg.loops.get(1)!.body].sort(), [1, 2, 3, 4]);
  assert.equal([...cfg.loops.get(2)!.body].sort(), [2, 3]);
  assert.is(cfg.loops.get(2)!.parent, 1);
  assert.is(cfg.loops.get(1)!.parent, null);
  assert.equal(cfg.loopOf, [null, 1, 2, 2, 1, null]);
});

test('liveOut: the values a loop defines and later blocks use, in order of first use', () => {
  const cfg = analyzeCfg(body());
  // the outer loop: %ci and %i are used at ^exit (in that order); %s only inside the loop
  assert.equal(names(cfg.loops.get(1)!.liveOut), ['ci', 'i']);
  // the inner loop: %s is used in ^latch, outside the inner loop but inside the outer one
  assert.equal(names(cfg.loops.get(2)!.liveOut), ['s']);
});

test('once per region: a second analysis is the same object; another parse is analysed afresh', () => {
  const b = body();
  assert.is(analyzeCfg(b), analyzeCfg(b));
  const other = body();
  assert.is.not(analyzeCfg(other), analyzeCfg(b));
  assert.equal(names(analyzeCfg(other).loops.get(1)!.liveOut), names(analyzeCfg(b).loops.get(1)!.liveOut));
});

test.run();
