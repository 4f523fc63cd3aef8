// The runtime's Format contract in the Core -> MLIR check (verifier/tv/core/format-contract.ts,
// runtime.ts). Before it, a Format.char text was any bytes of any length up to the buffer, so
// a target that computes a formatted character's length or text another (correct) way got a
// counterexample that no run has — `unknown: counterexample did not replay` (base64_hex `hex`,
// class E of the README). Each equivalent mutant below was unknown before and is proved now;
// each wrong one is refuted with a replay, also one that hands the runtime a buffer too
// small for its precondition (the contract is assumed only for a buffer that meets it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TermFactory } from '../../../../verifier/smt/factory.ts';
import { bvSort } from '../../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { utf8Of } from '../../../../verifier/tv/core/format-contract.ts';
import { formatChar } from '../../../../verifier/semantics/format.ts';
import { probeProgram } from './helpers.ts';
// the symbolic check of functions without inputs (closed-run.test.ts checks them by their one execution)
process.env.FIDELITY_CLOSED_RUN = 'off';

test('utf8Of is the runtime\'s encoding, U+FFFD for what is not a scalar (z3 on each code point)', async () => {
  const F = new TermFactory();
  const c = F.var('c', bvSort(32));
  for (const cp of [0, 0x41, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdfff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x10ffff, 0x110000, 0xffffffff]) {
    const want = new TextEncoder().encode(formatChar(BigInt(cp)));
    const e = utf8Of(F, c);
    const wrong = F.or(F.not(F.eq(e.len, F.bv(want.length, 64))), ...Array.from(want, (b, k) => F.not(F.eq(e.bytes[k]!, F.bv(b, 8)))));
    const r = await checkQuery({ assertions: [F.eq(c, F.bv(cp, 32)), wrong], wantModel: [] }, { timeoutMs: 10_000 });
    assert.is(r.status, 'unsat', `code point ${cp.toString(16)}`);
  }
});

const P = probeProgram('format_contract', `
let lenA () : int = String.length (Format.char 'a')

let isA () : bool = Format.char 'a' = "a"

let lenOf (c: char) : int = String.length (Format.char c)

let main _ =
    Console.writeln (Format.int (lenA ()))
    0
`);

/** The function's result replaced by a constant (the call stays: the trace is the same). */
const returns = (fn: string, ty: string, value: string) => (t: string) => {
  const at = t.indexOf(`func.func @clef.${fn}(`);
  const end = t.indexOf('\n  }\n', at);
  const body = t.slice(at, end).replace(/return (%\w+) : (\w+)$/, `%konst = arith.constant ${value} : ${ty}\n    return %konst : $2`);
  return t.slice(0, at) + body + t.slice(end);
};

test('a target that knows Format.char of an ASCII letter is one byte is proved (unknown before)', async () => {
  const v = await P.verdict('lenA', returns('lenA', 'i64', '1'));
  assert.ok(/^proved/.test(v), v);
});

test('a target that knows Format.char \'a\' is the text "a" is proved (unknown before)', async () => {
  const v = await P.verdict('isA', returns('isA', 'i1', '1'));
  assert.ok(/^proved/.test(v), v);
});

test('a target that takes every character for one byte is refuted, replayed', async () => {
  const v = await P.verdict('lenOf', returns('lenOf', 'i64', '1'));
  assert.ok(/^refuted/.test(v), v);
});

test('a buffer below the runtime\'s precondition is still refuted (the contract is not assumed for it)', async () => {
  const v = await P.verdict('lenA', (t) => t.replace(/(func\.func @clef\.lenA\(\) -> i64 \{\n(?:.*\n){2})    %c32_2 = arith\.constant 32 : index/, '$1    %c32_2 = arith.constant 0 : index'));
  assert.ok(/^refuted/.test(v), v);
});

test('a target that formats another character is refuted (the contract is stated of the word the runtime gets)', async () => {
  const v = await P.verdict('lenA', (t) => t.replace(/(func\.func @clef\.lenA\(\) -> i64 \{\n)    %c97_0 = arith\.constant 97 : i32/, '$1    %c97_0 = arith.constant 233 : i32'));
  assert.ok(/^refuted/.test(v), v);
});

test.after(() => disposeSolvers());
test.run();
