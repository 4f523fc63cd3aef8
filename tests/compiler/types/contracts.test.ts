import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertFullyAnnotated, check, expectError, exprs, names } from './helpers.ts';

test('Requires/Ensures see the parameters; result is the return value', () => {
  const { prog } = check(`
    [<Requires("n >= 0 && n <= NativePtr.extent p")>]
    [<Ensures("result >= 0 && result <= n")>]
    let countPositive (p: nativeptr<int>) (n: int) : int =
        let mutable k = 0
        let mutable i = 0
        while i < n do
            Contract.invariant (0 <= i && i <= n && 0 <= k && k <= i)
            Contract.decreases (n - i)
            if NativePtr.get p i > 0 then k <- k + 1
            i <- i + 1
        k
  `);
  assert.equal(names(prog, 'result')[0]!.res, { kind: 'local', uid: 'result', mutable: false });
  assert.is(names(prog, 'n')[0]!.ty!.kind, 'int');
  assertFullyAnnotated(prog);
});

test('forall/exists and s.Length in contracts', () => {
  const { prog } = check(`
    [<Requires("s.Length > 0 && forall i in 0 .. s.Length - 2 -> s.[i] <= s.[i + 1]")>]
    [<Ensures("result = -1 || exists j in 0 .. s.Length - 1 -> s.[j] = key")>]
    let find (s: Span<int>) (key: int) : int =
        -1
  `);
  const q = exprs(prog).filter((e) => e.kind === 'Quant') as any[];
  assert.equal(q.map((x) => x.uid), ['i', 'j']);
  assertFullyAnnotated(prog);
});

test('forall/exists inside Contract.* arguments', () => {
  check(`
    let f (s: Span<byte>) =
        Contract.assume (forall i in 0 .. s.Length - 1 -> s.[i] >= 0uy)
        Contract.assume (s.Length < 100 || exists i in 0 .. 3 -> s.[i] = 0uy)
  `);
});

test('a contract must be boolean', () => {
  expectError(
    `
    [<Requires("n + 1")>]
    let f (n: int) = n
    `,
    '1:13',
    'expected bool but found int',
  );
});

test('result outside Ensures is unknown', () => {
  expectError(
    `
    [<Requires("result > 0")>]
    let f (n: int) = n
    `,
    '1:13',
    'result is only defined in an Ensures contract',
  );
});

test('contracts name unknown parameters precisely', () => {
  expectError(
    `
    [<Requires("m > 0")>]
    let f (n: int) = n
    `,
    '1:13',
    'unknown name m; did you mean n?',
  );
});

test('Contract.decreases at the top of a recursive function', () => {
  check(`
    let rec down (n: int) : int =
        Contract.decreases n
        if n <= 0 then 0 else down (n - 1)
  `);
});

test.run();
