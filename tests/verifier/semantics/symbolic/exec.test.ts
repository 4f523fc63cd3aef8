// The symbolic executor agrees with the interpreter: for concrete arguments, the symbolic
// return value evaluated under the model "arguments = those values" equals what runFunction
// returns, and a run that stops makes exactly the checks of that obligation reachable.
// Also: the API pieces translation validation relies on (calls, UB, cuts, memory).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, type Model, type ModelValue } from '../../../../verifier/smt/model.ts';
import type { Term } from '../../../../verifier/smt/term.ts';
import { runFunction } from '../../../../verifier/semantics/run.ts';
import type { Value } from '../../../../verifier/semantics/values.ts';
import { norm } from '../../../../verifier/semantics/concrete.ts';
import { sharedFor, symExecFunction, type SymResult } from '../../../../verifier/semantics/symbolic/function.ts';
import { failureQuery } from '../../../../verifier/safety/query.ts';
import type { SV } from '../../../../verifier/semantics/symbolic/values.ts';
import { core } from './helpers.ts';

const PROGRAM = `
  type Shape =
      | Circle of r: int
      | Rect of w: int * h: int
  let dist (a: int) (b: int) : int =
      if a < b then b - a else a - b
  let clampAdd (a: int8) (b: int8) : int8 =
      Wrapping.add a b
  let mix (x: uint32) (y: uint32) : uint32 =
      ((x <<< 3) ^^^ (y >>> 2)) &&& 0xFFFFu
  let area (s: Shape) : int =
      match s with
      | Circle r -> 3 * r * r
      | Rect (w, h) -> w * h
  let fill (n: int) : int =
      let p = NativePtr.stackalloc<int> 8
      for i in 0 .. 7 do
          NativePtr.set p i (i * n)
      let mutable t = 0
      for i in 0 .. 7 do
          t <- t + NativePtr.get p i
      t
  let pick (a: int) (b: bool) : int * bool =
      if b then (a / 7, a % 7 = 0) else (a >>> 1, false)
  let tri (n: int) : int =
      let mutable i = 0
      let mutable s = 0
      while i < n do
          s <- s + i
          i <- i + 1
      s - i
`;

/** Model values for an argument value of the SV's shape. */
function bind(v: SV, x: Value, model: Model, repr: 'bv' | 'int'): void {
  const set = (t: Term, val: ModelValue) => {
    if (t.kind === 'var') model.set(t.name, val);
  };
  switch (v.k) {
    case 'int': {
      const n = x as bigint;
      set(v.t, repr === 'int' || v.w === 'math' ? n : BigInt.asUintN(v.w.bits, n));
      break;
    }
    case 'bool':
      set(v.t, x as boolean);
      break;
    case 'agg':
      v.items.forEach((it, i) => bind(it, (x as Value[])[i]!, model, repr));
      break;
    case 'case': {
      const c = x as { tag: number; payload: Value[] };
      set(v.tag, repr === 'int' ? BigInt(c.tag) : BigInt(c.tag));
      v.cases[c.tag]!.forEach((it, i) => bind(it, c.payload[i]!, model, repr));
      break;
    }
    default:
      throw new Error(`test cannot bind a ${v.k}`);
  }
}

/** The concrete value a symbolic result has under the model. */
function read(v: SV, model: Model, repr: 'bv' | 'int'): unknown {
  switch (v.k) {
    case 'int': {
      const n = evaluate(v.t, model, { complete: true }) as bigint;
      return repr === 'int' || v.w === 'math' ? n : norm(n, v.w);
    }
    case 'bool':
      return evaluate(v.t, model, { complete: true });
    case 'agg':
      return v.items.map((x) => read(x, model, repr));
    default:
      throw new Error(`test cannot read a ${v.k}`);
  }
}

let seed = 12345;
function rnd(lo: number, hi: number): bigint {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return BigInt(lo + (seed % (hi - lo + 1)));
}

const prog = core(PROGRAM);
const cases: Record<string, () => Value[]> = {
  dist: () => [rnd(-1000, 1000), rnd(-1000, 1000)],
  clampAdd: () => [rnd(-128, 127), rnd(-128, 127)],
  mix: () => [rnd(0, 2000000000), rnd(0, 2000000000)],
  area: () => (rnd(0, 1) === 0n ? [{ kind: 'case', tag: 0, payload: [rnd(-100, 100)] }] : [{ kind: 'case', tag: 1, payload: [rnd(-100, 100), rnd(-100, 100)] }]),
  fill: () => [rnd(-1000, 1000)],
  pick: () => [rnd(-1000, 1000), rnd(0, 1) === 1n],
  tri: () => [rnd(-3, 9)],
};

for (const repr of ['bv', 'int'] as const) {
  test(`${repr}: symbolic results evaluate to the interpreter's on concrete arguments`, () => {
    const sh = sharedFor(prog, { repr });
    for (const [name, gen] of Object.entries(cases)) {
      // the Int representation over-approximates bitwise ops and products of unknowns
      if (repr === 'int' && (name === 'mix' || name === 'area')) continue;
      const res = symExecFunction(prog, name, { unroll: 10, callMode: 'contract', loops: 'unroll' }, sh);
      assert.is(res.unsupported, null);
      assert.ok(res.ret, `${name} returns`);
      // tri's loop runs n times for a symbolic n: cut at 10 (the samples stay below)
      assert.is(res.cuts.length, name === 'tri' ? 1 : 0, `${name}: loops cut at 10 iterations`);
      for (let i = 0; i < 25; i++) {
        const args = gen();
        const model: Model = new Map();
        res.params.forEach((p, j) => bind(p.value, args[j]!, model, repr));
        const want = runFunction(prog, name, args, { checks: true, stdin: '', write: () => {} });
        assert.ok('value' in want, `${name} runs`);
        assert.is(evaluate(res.ret!.pc, model, { complete: true }), true, `${name}: the return is reachable`);
        const got = read(res.ret!.value, model, repr);
        const exp = (want as { value: Value }).value;
        assert.equal(got, Array.isArray(exp) ? exp : exp, `${name}(${args.map(String).join(', ')})`);
      }
    }
  });
}

test('a run that stops makes that obligation fail: overflow of dist on extreme arguments', () => {
  const sh = sharedFor(prog, { repr: 'bv' });
  const res: SymResult = symExecFunction(prog, 'dist', { unroll: 4, callMode: 'contract' }, sh);
  const model: Model = new Map();
  const min = -(1n << 63n);
  res.params.forEach((p, j) => bind(p.value, [min, 5n][j]!, model, 'bv'));
  const stop = runFunction(prog, 'dist', [min, 5n], { checks: true, stdin: '', write: () => {} });
  assert.ok('violation' in stop);
  const v = (stop as { violation: { category: string; span: { line: number; col: number } } }).violation;
  for (const c of res.checks) {
    if (!c.ob) continue;
    const fails = evaluate(failureQuery(sh.F, res.facts, [c]), model, { complete: true });
    const here = c.ob.category === v.category && c.ob.span.line === v.span.line && c.ob.span.col === v.span.col;
    assert.is(fails, here, `${c.ob.id} fails exactly where the interpreter stops`);
  }
});

test('calls are recorded with their arguments; unlisted faults are UB; unrolling cuts are reported', () => {
  const p = core(`
    [<Requires("n > 0")>]
    [<Ensures("result >= 0")>]
    let half (n: int) : int = n / 2
    let twice (a: int) : int =
        let x = half a
        let y = half (a + 1)
        x + y
    let spin (n: int) : int =
        let mutable i = 0
        while i < n do
            i <- i + 1
        i
  `);
  const sh = sharedFor(p, { repr: 'bv' });
  const t = symExecFunction(p, 'twice', { unroll: 4, callMode: 'uninterpreted' }, sh);
  assert.equal(t.calls.map((c) => c.callee), ['half', 'half']);
  assert.is(t.checks.filter((c) => c.ob?.category === 'precondition').length, 0, 'uninterpreted calls check no contract');
  const c = symExecFunction(p, 'twice', { unroll: 4, callMode: 'contract' }, sh);
  assert.is(c.checks.filter((x) => x.ob?.category === 'precondition').length, 2);
  const s = symExecFunction(p, 'spin', { unroll: 3, callMode: 'contract', loops: 'unroll' }, sh);
  assert.is(s.cuts.length, 1);
  assert.is(s.cuts[0]!.k, 3);
  assert.equal(s.cuts[0]!.mutated, ['i']);
  const h = symExecFunction(p, 'spin', { unroll: 3, callMode: 'contract', loops: 'havoc' }, sh);
  assert.is(h.cuts.length, 0, 'by cut point nothing is unrolled');
});

test('unsupported constructs are reported by name, never guessed', () => {
  const p = core(`
    let keep (p: nativeptr<Span<int>>) (s: Span<int>) : unit =
        NativePtr.set p 0 s
  `);
  const r = symExecFunction(p, 'keep', { unroll: 2, callMode: 'contract' });
  assert.match(r.unsupported ?? '', /storing a pointer, span or handle in memory/);
});

test.run();
