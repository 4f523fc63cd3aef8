import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { core, elabError, fn, nodes } from './helpers.ts';

test('a nested function is lifted as outer.inner with its captures as extra parameters', () => {
  const p = core(`
    let scale (k: int) (n: int) : int =
        let offset = 10
        let apply (x: int) = x * k + offset
        apply n + apply 1
  `);
  const inner = fn(p, 'scale.apply');
  assert.is(inner.liftedFrom, 'scale');
  assert.equal(
    inner.params.map((x) => x.name),
    ['x', 'k', 'offset'],
  );
  const calls = nodes(fn(p, 'scale'), 'Call');
  assert.is(calls.length, 2);
  for (const c of calls) {
    assert.is(c.fn, 'scale.apply');
    assert.equal(
      c.args.slice(1).map((a) => (a.kind === 'Var' ? a.name : a.kind)),
      ['k', 'offset'],
    );
  }
  // the lifted function directly follows the one it came from
  assert.equal(
    p.functions.map((f) => f.name),
    ['scale', 'scale.apply'],
  );
});

test('a function that calls a capturing sibling captures what the sibling needs', () => {
  const p = core(`
    let outer (start: int) : int =
        let add (x: int) = x + start
        let twice (x: int) = add (add x)
        twice 1
  `);
  assert.equal(
    fn(p, 'outer.twice').params.map((x) => x.name),
    ["x", "start"],
  );
  const inTwice = nodes(fn(p, 'outer.twice'), 'Call');
  assert.ok(inTwice.every((c) => c.fn === 'outer.add' && c.args.length === 2));
});

test('mutually recursive nested functions share captures (fixpoint) and deeper nesting is named by path', () => {
  const p = core(`
    let parity (limit: int) (n: int) : bool =
        let rec isEven (k: int) : bool =
            if k = 0 then true else isOdd (k - 1)
        and isOdd (k: int) : bool =
            if k >= limit then false
            elif k = 0 then false
            else isEven (k - 1)
        let check (m: int) =
            let deep (j: int) = isEven j
            deep m
        check n
  `);
  assert.equal(fn(p, 'parity.isEven').params.map((x) => x.name), ['k', 'limit']);
  assert.equal(fn(p, 'parity.isOdd').params.map((x) => x.name), ['k', 'limit']);
  const deep = fn(p, 'parity.check.deep');
  assert.is(deep.liftedFrom, 'parity.check');
  assert.equal(deep.params.map((x) => x.name), ['j', 'limit']);
});

test('shadowed names stay distinct and lifted names do not clash', () => {
  const p = core(`
    let f (x: int) : int =
        let x = x + 1
        let x = x * 2
        let g (y: int) = y + x
        let h (z: int) =
            let g (w: int) = w - 1
            g z
        g (h x)
  `);
  const lets = nodes(fn(p, 'f'), 'Let').map((l) => l.name);
  assert.equal(lets, ['x_1', 'x_2']);
  assert.ok(p.functions.some((q) => q.name === 'f.g'));
  assert.ok(p.functions.some((q) => q.name === 'f.h.g'));
  // g captured the last x
  const call = nodes(fn(p, 'f'), 'Call').find((c) => c.fn === 'f.g')!;
  assert.equal(call.args[1], { ...call.args[1]!, kind: 'Var', name: 'x_2' });
});

test('capturing a mutable variable is an error that names it', () => {
  const msg = elabError(`
    let f (n: int) : int =
        let mutable total = 0
        let add (x: int) = total + x
        add n
  `);
  assert.match(msg, /total/);
  assert.match(msg, /mutable/);
});

test.run();
