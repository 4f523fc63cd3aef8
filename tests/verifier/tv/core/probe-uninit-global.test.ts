// A global without an initial value in the Core -> MLIR replay (review 24, issue 4 items 4
// and 8). programMemory, the replay's starting memory, gave it zeros, while natively it is
// LLVM undef (finalize-memref-to-llvm: `internal global ... undef`). A target choosing its
// result by such a byte (`select(junk == 0, n + 2, n + 1)`) was refuted as if its result
// were certain (Core 1, MLIR 2), a difference the native program need not show; a target
// adding the byte to its result did not replay (`engine bug`). Now such bytes are memory
// nobody wrote, as in a fresh allocation: the first is a named unknown (the replay reads
// undef as poison), the second refuted with the reads taken as defined values (replay.ts
// undefConfirmed). The unmutated `f` stays proved, and so does a target that reads the byte
// and multiplies it by 0. A private global with an initializer is the replay-sealed.ts case.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';
import { probeProgram } from './helpers.ts';

const P = probeProgram('uninit-global', `module UninitGlobal

let f (n: int) : int =
    n + 1

[<EntryPoint>]
let main argv =
    Console.writeln (Format.int (f 3))
    0
`);

const JUNK = 'memref.global "private" @junk : memref<1xi64> = uninitialized';
const READ = `    %g = memref.get_global @junk : memref<1xi64>\n    %c0 = arith.constant 0 : index\n    %x = memref.load %g[%c0] : memref<1xi64>\n    %c1_1 = arith.constant 1 : i64\n`;

/** The module with `@junk` declared (`decl`) and `@clef.f`'s body replaced by READ + `rest`. */
const edit = (rest: string, decl = JUNK) => (t: string): string => {
  const out = t.replace('module {\n', `module {\n  ${decl}\n`).replace(/func\.func @clef\.f\(%n_0: i64\) -> i64 \{[\s\S]*?\n {2}\}\n/, `func.func @clef.f(%n_0: i64) -> i64 {\n${READ}${rest}\n  }\n`);
  if (!out.includes('@junk :') || !out.includes('%x = memref.load')) throw new Error('edit not applied');
  return out;
};

test('a result chosen by an uninitialised byte: unknown (undef), not refuted from zeros', async () => {
  const v = await P.verdict('f', edit(`    %z = arith.constant 0 : i64\n    %isz = arith.cmpi eq, %x, %z : i64\n    %c2 = arith.constant 2 : i64\n    %k = arith.select %isz, %c2, %c1_1 : i64\n    %2 = arith.addi %n_0, %k : i64\n    return %2 : i64`));
  assert.match(v, /^unknown: .*memory nobody wrote \(undef\)/, v);
});

test('a result plus an uninitialised word: refuted with the reads as defined values (was engine bug)', async () => {
  const v = await P.verdict('f', edit(`    %2 = arith.addi %n_0, %c1_1 : i64\n    %3 = arith.addi %2, %x : i64\n    return %3 : i64`));
  assert.match(v, /^refuted: .*taken as defined values/, v);
});

// the same private global initialised to 0: the query takes its contents as anything (a
// caller's stores), the replay from its initializer, as the program starts; nothing but the
// module's own functions can store there (replay-sealed.ts). It was `engine bug: ... did not
// replay`; now the unknown names the global, as the MLIR -> MLIR check does
test('a result plus a private zero-initialised word: unknown, the global named (was engine bug)', async () => {
  const v = await P.verdict('f', edit(`    %2 = arith.addi %n_0, %c1_1 : i64\n    %3 = arith.addi %2, %x : i64\n    return %3 : i64`, 'memref.global "private" @junk : memref<1xi64> = dense<0>'));
  assert.match(v, /^unknown: .*private global whose address never escapes.*the model starts @junk at other contents than its initializer/, v);
  assert.not.match(v, /engine bug/, v);
});

test('the word read and multiplied by 0: proved', async () => {
  const v = await P.verdict('f', edit(`    %z = arith.constant 0 : i64\n    %y = arith.muli %x, %z : i64\n    %2 = arith.addi %n_0, %c1_1 : i64\n    %3 = arith.addi %2, %y : i64\n    return %3 : i64`));
  assert.match(v, /^proved: /, v);
});

test('f unmutated: proved', async () => {
  assert.match(await P.verdict('f'), /^proved: /);
});

test.after(disposeSolvers);
test.run();
