import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertFullyAnnotated, binding, check, exprs, names, show, varType } from './helpers.ts';

test('stack pointers: stackalloc with a type argument, get/set/read/write/add', () => {
  const { prog } = check(`
    let f () =
        let p = NativePtr.stackalloc<int32> 8
        NativePtr.set p 0 5l
        NativePtr.write p 1l
        let q = NativePtr.add p 2
        NativePtr.get q 0 + NativePtr.read p
  `);
  assert.is(varType(prog, 'p'), 'nativeptr<int32>');
  assert.is(show(binding(prog, 'f').pat.ty), 'unit -> int32');
  assert.is(show(names(prog, 'NativePtr.stackalloc')[0]!.ty), 'int -> nativeptr<int32>');
  assertFullyAnnotated(prog);
});

test('the element type of stackalloc may come from its use', () => {
  const { prog } = check(`
    let f () =
        let p = NativePtr.stackalloc 4
        NativePtr.set p 0 1uy
        p |> NativePtr.read
  `);
  assert.is(varType(prog, 'p'), 'nativeptr<byte>');
});

test('spans: ofPtr, slice, index, store, Length', () => {
  const { prog } = check(`
    let sum (s: Span<int>) : int =
        let mutable t = 0
        for i in 0 .. s.Length - 1 do
            t <- t + s.[i]
        t
    let f () =
        let p = NativePtr.stackalloc<int> 10
        let s = Span.ofPtr p 10
        s.[0] <- 3
        sum (Span.slice s 2 5)
  `);
  assert.equal(exprs(prog).filter((e) => e.kind === 'Field').map((e) => (e as any).res), [{ kind: 'length' }]);
  assertFullyAnnotated(prog);
});

test('arenas and regions', () => {
  const { prog } = check(`
    let build (a: Arena) : Span<uint16> =
        use r = Region.create ()
        let tmp = Region.alloc<uint16> r 8
        tmp.[0] <- 7us
        Region.copyOut a tmp
    let main _ =
        let a = Arena.create 4096
        let s = Arena.alloc<int64> a 4
        let left = Arena.remaining a
        Arena.reset a
        (build a).Length + left
  `);
  assert.is(varType(prog, 'a'), 'Arena');
  assert.is(varType(prog, 's'), 'Span<int>');
  const use = exprs(prog).find((e) => e.kind === 'Use') as any;
  assert.is(use.uid, 'r');
  assert.is(show(use.value.ty), 'Region');
  assertFullyAnnotated(prog);
});

test('static arrays are spans over static storage', () => {
  const { prog } = check(`
    let table = [| 1uy; 2uy; 3uy |]
    let buffer = Array.zeroCreate<int32> 16
    let negs = [| -1; 2; -3 |]
    let f () = table.[0] + byte buffer.Length + byte negs.[0]
  `);
  assert.is(show(binding(prog, 'table').pat.ty), 'Span<byte>');
  assert.is(show(binding(prog, 'buffer').pat.ty), 'Span<int32>');
  assert.equal(names(prog, 'table')[0]!.res, { kind: 'global', name: 'table' });
  assertFullyAnnotated(prog);
});

test('String.length and Format functions', () => {
  const { prog } = check(`
    let f (s: string) =
        Format.int (String.length s) + Format.bool true + Format.char 'x' + Format.float 1.5 + Format.uint64 3UL
  `);
  assert.is(show(binding(prog, 'f').pat.ty), 'string -> string');
});

test('Format.int takes int only (convert other widths first)', async () => {
  const { expectError } = await import('./helpers.ts');
  expectError(`let f (x: int32) = Format.int x`, '1:31', 'expected int but found int32');
});

test.run();
