// Review 37: in Core -> MLIR every call reset the target's memory poison to none
// (SymEnv.callsDefined), so poison the target stored into its OWN buffers (a string or Format
// buffer, an escaping alloca) before a call read as defined after it — a target printing,
// returning or branching on such a byte was proved (calls.ts poisonAt checks only bytes
// outside the function's own blocks). Now a call keeps the poison but for the bytes the runtime
// surely wrote (symbolic-memory.ts callWrotePoison). Each edit below was proved before; the
// same edit made after the call (a control) was refuted then too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mutate, probeProgram } from './helpers.ts';
import { disposeSolvers } from '../../../../verifier/smt/solver.ts';

/** `%v`'s poison where x == 5: a select whose other arm keeps the bits (values.ts joinBits). */
const poisonAt5 = (x: string, v: string) => `%c5x = arith.constant 5 : i64
    %cx = arith.cmpi eq, ${x}, %c5x : i64
    %px = ub.poison : i8
    %sx = arith.select %cx, %px, ${v} : i8
    `;
const poisonByte0 = (buf: string, x: string) => `%c0x = arith.constant 0 : index
    %bx = memref.load ${buf}[%c0x] : memref<?xi8>
    ${poisonAt5(x, '%bx')}memref.store %sx, ${buf}[%c0x] : memref<?xi8>
    `;

const P1 = probeProgram('own1', `module Own1

let twice (x: int) : unit =
    let s = "a" + Format.int x
    Console.writeln "hi"
    Console.writeln s

let id (x: int) : int = x + 0

let k (x: int) : int =
    let s = Format.int x
    let y = id x
    Console.writeln s
    y

let main _ = 0
`, { byWork: true });

test('as compiled: proved', async () => {
  assert.match(await P1.verdict('twice'), /^proved/);
  assert.match(await P1.verdict('k'), /^proved/);
});

test('a string buffer byte made poison before a writeln of something else, printed after it: refuted', async () => {
  // the concatenation's buffer, printed last
  const buf = /func\.call @clef_writeln\((%buf_\d+)\)/.exec(P1.mlir.slice(P1.mlir.indexOf('@clef.twice(')))![1]!;
  const call = /func\.call @clef_writeln\(%str_\d+\)/.exec(P1.mlir.slice(P1.mlir.indexOf('@clef.twice(')))![0];
  const v = await P1.verdict('twice', (t) => mutate(t, 'twice', call, poisonByte0(buf, '%x_0') + call));
  assert.match(v, /^refuted: .*the output differs/, v);
});

test('a Format buffer byte made poison before a Clef call, printed after it: refuted', async () => {
  const body = P1.mlir.slice(P1.mlir.indexOf('@clef.k('));
  const buf = /%buf_\d+/.exec(body)![0];
  const call = /%call_\d+ = func\.call/.exec(body)![0];
  const v = await P1.verdict('k', (t) => mutate(t, 'k', call, poisonByte0(buf, '%x_0') + call));
  assert.match(v, /^refuted: .*the output differs/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
