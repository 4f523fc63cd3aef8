// scf.index_switch run concretely (issue 4 item 1: mlir-opt-19 --lift-cf-to-scf writes it):
// the case equal to the index runs, else the default (region 0); a poison index is UB, as
// the cf.switch convert-scf-to-cf makes of it. Checked against the cf form of the same
// function: mlir-opt-19's lowering where it is exact (an index that fits in i32), and the
// lift fixture's source, whose lifted loop holds two switches.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMlir } from '../../../../compiler/mlir/parse.ts';
import { runMlir, type CVal } from '../../../../verifier/semantics/mlir/interp.ts';
import { prng } from '../../../helpers/prng.ts';

const pairs = join('tests', 'verifier', 'tv', 'pairs');
const fixtures = join('tests', 'cli', 'fixtures');
const int = (w: number, v: bigint): CVal => ({ kind: 'int', w, v: BigInt.asUintN(w, v), poison: false });
const read = (p: string) => parseMlir(readFileSync(p, 'utf8'), p);
const value = (r: { values: CVal[] }) => r.values.map((x) => (x.kind === 'int' ? `${x.poison ? 'poison' : x.v}` : x.kind)).join(',');

test('each case and the default: the switch agrees with its cf lowering on every i8 index', () => {
  const src = read(join(pairs, 'index_switch_to_cf.src.mlir'));
  const tgt = read(join(pairs, 'index_switch_to_cf.tgt.mlir'));
  const seen = new Set<string>();
  for (let x = 0n; x < 256n; x++) {
    const args = [int(8, x), int(64, 100n), int(64, 7n)];
    const a = value(runMlir(src, 'f', args));
    assert.is(a, value(runMlir(tgt, 'f', args)), `x = ${x}`);
    seen.add(a);
  }
  assert.equal([...seen].sort(), ['100', '107', '93']);
});

test('a negative case value matches the index of the same bits; the first region is the default', () => {
  const m = read(join(pairs, 'index_switch_as_if.src.mlir'));
  const run = (i: bigint) => value(runMlir(m, 'f', [int(64, i), int(64, 10n), int(64, 3n)]));
  assert.is(run(-1n), `${BigInt.asUintN(64, -7n)}`); // case -1: b - a
  assert.is(run(0n), '7');
  assert.is(run((1n << 32n) - 1n), '7'); // -1 at 32 bits is not the 64-bit index -1
});

test('a poison index is undefined behaviour', () => {
  const m = read(join(pairs, 'index_switch_poison_index.tgt.mlir'));
  assert.throws(() => runMlir(m, 'f', [int(64, 1n)]), /scf\.index_switch on a poison index/);
});

test("review 27's lifted loop (two switches in an scf.while) runs as its cf source", () => {
  const src = read(join(fixtures, 'lift.src.mlir'));
  const tgt = read(join(fixtures, 'lift.tgt.mlir'));
  const r = prng(27);
  const big = () => BigInt(Math.floor(r() * 2 ** 32)) * BigInt(Math.floor(r() * 2 ** 32));
  const cases = new Set<string>();
  for (let k = 0; k < 300; k++) {
    // arg1's low three bits pick the arm: 3 and 5 must come up
    const acc = (big() & ~7n) | BigInt(k % 8);
    const args = [int(64, BigInt(k % 40)), int(64, acc), int(64, big()), int(64, k % 3 === 0 ? 1n : big())];
    const a = value(runMlir(src, 'f', args));
    assert.is(value(runMlir(tgt, 'f', args)), a, `input ${k}`);
    cases.add(String(k % 8));
  }
  assert.is(cases.size, 8);
});

test.run();
