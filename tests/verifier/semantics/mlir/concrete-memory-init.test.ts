// ConcreteMemory.addBlock with an initializer (a global's bytes): however the block is held
// (a constant global its initializer fills is dense whatever its source; ZERO/UNINIT sources
// dense; any other source sparse), every byte reads exactly as in a block added without the
// initializer whose bytes were then written one by one (writeByte, not poison) — what addBlock
// did before it copied initializers at once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConcreteMemory, UNINIT_SOURCE, ZERO_SOURCE, type ByteSource, type CBlock } from '../../../../verifier/semantics/mlir/concrete-memory.ts';
import { prng } from '../../../helpers/prng.ts';

type Spec = { size: number; init: number; readonly: boolean; observable: boolean; source: ByteSource };

const ODD: ByteSource = (_bid, off) => ({ byte: Number(off % 251n), poison: off % 3n === 0n });

function pair(s: Spec, bytes: Uint8Array) {
  const base = { kind: 'static' as const, size: BigInt(s.size), alive: true, readonly: s.readonly, freeable: false, observable: s.observable, source: s.source, align: 4 };
  const fast = new ConcreteMemory({ globalIds: new Map() });
  const a = fast.addBlock({ bid: 1, ...base, init: bytes });
  const slow = new ConcreteMemory({ globalIds: new Map() });
  const b = slow.addBlock({ bid: 1, ...base });
  bytes.forEach((x, i) => slow.writeByte(b, BigInt(i), x, false));
  return { fast, a, slow, b };
}

function sameBytes(s: Spec, m1: ConcreteMemory, a: CBlock, m2: ConcreteMemory, b: CBlock): void {
  for (let o = 0; o < s.size; o++) assert.equal(m1.readByte(a, BigInt(o)), m2.readByte(b, BigInt(o)), `byte ${o} of ${JSON.stringify({ ...s, source: s.source === ZERO_SOURCE ? 'zero' : s.source === UNINIT_SOURCE ? 'uninit' : 'other' })}`);
  assert.is(m1.hasUnwritten(a), m2.hasUnwritten(b));
  assert.equal({ bid: a.bid, kind: a.kind, size: a.size, alive: a.alive, readonly: a.readonly, freeable: a.freeable, observable: a.observable, align: a.align, start: a.start }, { bid: b.bid, kind: b.kind, size: b.size, alive: b.alive, readonly: b.readonly, freeable: b.freeable, observable: b.observable, align: b.align, start: b.start });
  assert.not.ok('init' in a);
}

test('a block added with its initializer reads as one written byte by byte', () => {
  const rnd = prng(7);
  const sources = [ZERO_SOURCE, UNINIT_SOURCE, ODD, () => ({ byte: 0, poison: false })];
  for (let n = 0; n < 400; n++) {
    const size = 1 + Math.floor(rnd() * 80);
    // shorter, exactly as long, or longer than the block
    const init = Math.max(0, size + Math.floor(rnd() * 9) - 6);
    const s: Spec = { size, init, readonly: rnd() < 0.6, observable: rnd() < 0.4, source: sources[Math.floor(rnd() * sources.length)]! };
    const bytes = Uint8Array.from({ length: init }, () => Math.floor(rnd() * 256));
    const { fast, a, slow, b } = pair(s, bytes);
    sameBytes(s, fast, a, slow, b);
  }
});

test('a constant global is held dense and copied: the module\'s initializer is not aliased', () => {
  const bytes = Uint8Array.from([104, 105, 0]);
  const m = new ConcreteMemory({ globalIds: new Map() });
  const blk = m.addBlock({ bid: 1, kind: 'static', size: 3n, alive: true, readonly: true, freeable: false, observable: false, source: () => ({ byte: 0, poison: false }), init: bytes });
  assert.ok(blk.dense);
  m.writeByte(blk, 0n, 1, false);
  assert.is(bytes[0], 104);
});

test.run();
