// proveObligations over the corpus, checked against the reference interpreter:
// - every obligation gets exactly one verdict;
// - a `refuted` verdict carries a counterexample whose run stops with that category at that
//   place (the corpus programs are correct as programs; what is refuted is a function that
//   does not state in its Requires what its callers guarantee — see README.md);
// - soundness fuzz: every function is run on random arguments (and random memory), and no run
//   may stop at an obligation the engine `proved`.
// The default run covers a subset of the corpus (the WASM solver takes minutes for all of it);
// SYMBOLIC_CORPUS=all runs every program.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import { fnObligations } from '../../../compiler/core/walk.ts';
import { frontEnd } from '../../../compiler/frontend.ts';
import type { Type } from '../../../compiler/types/types.ts';
import { caseFieldTypes, recordFieldTypes } from '../../../compiler/types/types.ts';
import { norm } from '../../../verifier/semantics/concrete.ts';
import type { ArenaObj, Block, RegionObj } from '../../../verifier/semantics/memory.ts';
import { runFunction } from '../../../verifier/semantics/run.ts';
import type { Value } from '../../../verifier/semantics/values.ts';
import { proveObligations, type ProofResult } from '../../../verifier/safety/prove.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { testCheck } from './helpers.ts';

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'corpus');
const SUBSET = ['binary_search', 'checksums', 'crc16_frame', 'crc32', 'gcd_lcm', 'ring_buffer', 'int_widths', 'fibonacci'];
// SYMBOLIC_CORPUS=all: every program; SYMBOLIC_CORPUS=a,b: those programs
const chosen = process.env['SYMBOLIC_CORPUS'];
const all = chosen === 'all';
const pick = chosen && !all ? chosen.split(',') : SUBSET;
const names = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.clef'))
  .map((f) => f.slice(0, -5))
  .filter((n) => all || pick.includes(n));

// deterministic random values
let seed = 0x9e3779b9;
function rnd(n: number): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
}
const EDGES = [0n, 1n, -1n, 2n, 3n, 7n, 8n, 10n, 100n, 255n, 256n, 1000n];

function randomInt(bits: number, signed: boolean): bigint {
  const b = BigInt(bits);
  const pick = rnd(10);
  let v: bigint;
  if (pick < 6) v = EDGES[rnd(EDGES.length)]!;
  else if (pick < 8) v = BigInt(rnd(64)) - 8n;
  else if (pick === 8) v = signed ? -(1n << (b - 1n)) : (1n << b) - 1n;
  else v = (BigInt(rnd(1 << 30)) << 34n) ^ BigInt(rnd(1 << 30));
  return signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
}

let nextId = 1000;
function block(prog: CoreProgram, elem: Type, kind: Block['kind'], arena: ArenaObj | null): Block {
  const size = rnd(9);
  const b: Block = { id: nextId++, kind, elem, size, cells: new Map(), alive: true, depth: 0, arena, epoch: arena?.epoch ?? 0, region: null };
  for (let i = 0; i < size; i++) b.cells.set(i, randomValue(prog, elem));
  return b;
}

function randomValue(prog: CoreProgram, t: Type): Value {
  switch (t.kind) {
    case 'int':
      return randomInt(t.bits, t.signed);
    case 'char':
      return BigInt(32 + rnd(95));
    case 'bool':
      return rnd(2) === 1;
    case 'float':
      return [0, 1, -1, 0.5, 1e10, -2.5, Number.NaN][rnd(7)]!;
    case 'string':
      return ['', 'a', 'hello', 'x y'][rnd(4)]!;
    case 'unit':
      return null;
    case 'tuple':
      return t.elems.map((e) => randomValue(prog, e));
    case 'record':
      return recordFieldTypes(prog.types, t).map((e) => randomValue(prog, e));
    case 'union': {
      const info = prog.types.unions.get(t.name)!;
      const c = info.cases[rnd(info.cases.length)]!;
      return { kind: 'case', tag: c.tag, payload: caseFieldTypes(prog.types, t, c.name).map((e) => randomValue(prog, e)) };
    }
    case 'span': {
      const arena: ArenaObj | null = rnd(3) === 0 ? { kind: 'arena', id: nextId++, capacity: 256, used: 0, epoch: 0, alive: true, depth: 0 } : null;
      const b = block(prog, t.elem, arena ? 'arena' : 'static', arena);
      const off = b.size ? rnd(b.size + 1) : 0;
      return { kind: 'span', block: b, offset: off, length: rnd(b.size - off + 1) };
    }
    case 'ptr': {
      const b = block(prog, t.elem, 'static', null);
      return { kind: 'ptr', block: b, offset: b.size ? rnd(b.size + 1) : 0 };
    }
    case 'arena': {
      const capacity = rnd(300);
      return { kind: 'arena', id: nextId++, capacity, used: rnd(capacity + 1), epoch: 0, alive: true, depth: 0 };
    }
    case 'region': {
      const r: RegionObj = { kind: 'region', id: nextId++, alive: true, depth: 0 };
      return r;
    }
    default:
      throw new Error(`no random ${t.kind}`);
  }
}

/** Runs `fn` on random arguments; returns the obligations (category@line:col) runs stopped at. */
function fuzz(prog: CoreProgram, fn: CoreFn, runs: number): Set<string> {
  const stops = new Set<string>();
  for (let i = 0; i < runs; i++) {
    let args: Value[];
    try {
      args = fn.params.map((p) => randomValue(prog, p.ty));
    } catch {
      return stops;
    }
    const r = runFunction(prog, fn.name, args, { checks: true, stdin: 'line\n', write: () => {}, maxSteps: 200_000 });
    if ('violation' in r) stops.add(`${r.violation.category}@${r.violation.span.line}:${r.violation.span.col}`);
  }
  return stops;
}

const summary: string[] = [];

for (const name of names) {
  test(`corpus/${name}`, async () => {
    const fe = frontEnd(join(CORPUS, `${name}.clef`));
    const prog = fe.core;
    const t0 = performance.now();
    const rs: ProofResult[] = await proveObligations(prog, { timeoutMs: 4000, check: testCheck });
    const ms = performance.now() - t0;
    const ids = prog.functions.flatMap((f) => fnObligations(f).map((o) => o.id));
    assert.equal(rs.map((r) => r.id).sort(), [...ids].sort(), 'one verdict per obligation');
    for (const r of rs) {
      if (r.verdict !== 'refuted') continue;
      assert.ok(r.counterexample, `${r.id}: a refutation has a counterexample`);
      assert.match(r.counterexample!.outcome, `runtime error: ${r.category} at ${prog.file}:${r.span.line}:${r.span.col}`);
    }
    // soundness: no random run stops at a proved obligation (a stop names a category and a
    // place; several obligations can share both, e.g. the additions of a + b + c)
    const allProved = new Map<string, boolean>();
    for (const r of rs) {
      const key = `${r.category}@${r.span.line}:${r.span.col}`;
      allProved.set(key, (allProved.get(key) ?? true) && r.verdict === 'proved');
    }
    for (const f of prog.functions) {
      for (const stop of fuzz(prog, f, 40)) assert.not.ok(allProved.get(stop), `${f.name}: a random run stops at ${stop}, which was proved`);
    }
    const counts: Record<string, number> = {};
    for (const r of rs) {
      const k = r.verdict.startsWith('bounded') ? 'bounded' : r.verdict;
      counts[k] = (counts[k] ?? 0) + 1;
    }
    summary.push(`${name}: ${rs.length} obligations ${JSON.stringify(counts)} in ${Math.round(ms)} ms`);
  });
}

test('corpus: what the engine proves in programs with contracts', async () => {
  const prog = frontEnd(join(CORPUS, 'binary_search.clef')).core;
  const rs = await proveObligations(prog, { timeoutMs: 4000, check: testCheck, functions: ['find', 'lowerBound'] });
  assert.ok(rs.length >= 20);
  for (const r of rs) assert.is(r.verdict, 'proved', `${r.id}: ${r.detail}`);
});

test.after(async () => {
  console.log(summary.join('\n'));
  await disposeSolvers();
});

test.run();
