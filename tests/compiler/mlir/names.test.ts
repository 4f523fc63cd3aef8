// Canonical names: position-based renaming that respects region scoping.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { printMlirCustom } from '../../../compiler/mlir/print-custom.ts';
import { canonicalNames } from '../../../compiler/mlir/names.ts';

test('each function has its own scope: reused names map to their own definitions', () => {
  const m = parseMlir(`func.func @a(%arg0: i32) -> i32 {
  %0 = arith.addi %arg0, %arg0 : i32
  return %0 : i32
}
func.func @b(%arg0: i32) -> i32 {
  %0 = arith.muli %arg0, %arg0 : i32
  return %0 : i32
}`);
  const text = printMlirCustom(canonicalNames(m));
  assert.match(text, /func\.func @a\(%v0: i32\) -> i32 \{\n {2}%v1 = arith\.addi %v0, %v0 : i32\n {2}func\.return %v1 : i32/);
  assert.match(text, /func\.func @b\(%v2: i32\) -> i32 \{\n {2}%v3 = arith\.muli %v2, %v2 : i32\n {2}func\.return %v3 : i32/);
});

test('nested regions see enclosing values; multi-result ops get one name', () => {
  const m = parseMlir(`func.func @f(%n: index, %x: i64) -> i64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r:2 = scf.for %i = %c0 to %n step %c1 iter_args(%a = %x, %b = %x) -> (i64, i64) {
    %s = arith.addi %a, %x : i64
    scf.yield %b, %s : i64, i64
  }
  return %r#1 : i64
}`);
  const text = printMlirCustom(canonicalNames(m));
  assert.match(text, /%v4:2 = scf\.for %v5 = %v2 to %v0 step %v3 iter_args\(%v6 = %v1, %v7 = %v1\)/);
  assert.match(text, /%v8 = arith\.addi %v6, %v1 : i64/);
  assert.match(text, /func\.return %v4#1 : i64/);
  assert.equal(canonicalNames(canonicalNames(m)), canonicalNames(m));
});

test('uses of undefined values stay visible instead of being silently renamed', () => {
  const m = parseMlir('func.func @f() -> i32 {\n  return %ghost : i32\n}');
  assert.match(printMlirCustom(canonicalNames(m)), /func\.return %free\.ghost : i32/);
});

test.run();
