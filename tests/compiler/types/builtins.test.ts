import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BUILTINS, CONVERSIONS } from '../../../compiler/types/builtins.ts';
import { showType, typeParam } from '../../../compiler/types/types.ts';
import type { Type } from '../../../compiler/types/types.ts';

/** A built-in's signature with its type parameters shown as 'T, 'U. */
function sigOf(name: string): string {
  const b = BUILTINS.get(name);
  assert.ok(b, `missing built-in ${name}`);
  const ts = Array.from({ length: b!.tparams }, (_, i) => typeParam(i));
  const { params, ret } = b!.sig(ts);
  const fn: Type = { kind: 'fn', params, ret };
  return showType(fn).replace(/'t-1/g, "'T");
}

test('the built-ins of CLEF.md and their types', () => {
  const expected: Record<string, string> = {
    'Console.write': 'string -> unit',
    'Console.writeln': 'string -> unit',
    'Console.readln': 'unit -> string',
    'Format.int': 'int -> string',
    'Format.int64': 'int -> string',
    'Format.uint64': 'uint64 -> string',
    'Format.float': 'float -> string',
    'Format.bool': 'bool -> string',
    'Format.char': 'char -> string',
    'String.length': 'string -> int',
    'NativePtr.stackalloc': "int -> nativeptr<'T>",
    'NativePtr.get': "nativeptr<'T> -> int -> 'T",
    'NativePtr.set': "nativeptr<'T> -> int -> 'T -> unit",
    'NativePtr.read': "nativeptr<'T> -> 'T",
    'NativePtr.write': "nativeptr<'T> -> 'T -> unit",
    'NativePtr.add': "nativeptr<'T> -> int -> nativeptr<'T>",
    'NativePtr.extent': "nativeptr<'T> -> int",
    'Span.ofPtr': "nativeptr<'T> -> int -> Span<'T>",
    'Span.slice': "Span<'T> -> int -> int -> Span<'T>",
    'Arena.create': 'int -> Arena',
    'Arena.alloc': "Arena -> int -> Span<'T>",
    'Arena.remaining': 'Arena -> int',
    'Arena.reset': 'Arena -> unit',
    'Region.create': 'unit -> Region',
    'Region.alloc': "Region -> int -> Span<'T>",
    'Region.copyOut': "Arena -> Span<'T> -> Span<'T>",
    'Wrapping.add': "'T -> 'T -> 'T",
    'Wrapping.sub': "'T -> 'T -> 'T",
    'Wrapping.mul': "'T -> 'T -> 'T",
    'Contract.assert': 'bool -> unit',
    'Contract.assume': 'bool -> unit',
    'Contract.invariant': 'bool -> unit',
    'Contract.decreases': "'T -> unit",
    ignore: "'T -> unit",
    not: 'bool -> bool',
    'Array.zeroCreate': "int -> Span<'T>",
  };
  for (const [name, sig] of Object.entries(expected)) assert.is(sigOf(name), sig, name);
});

test('conversions: every target type, from any numeric or char', () => {
  for (const [name, to] of Object.entries(CONVERSIONS)) {
    const b = BUILTINS.get(name)!;
    assert.equal(b.classes, ['convertible'], name);
    assert.is(showType(b.sig([typeParam(0)]).ret), showType(to));
  }
  assert.is(showType(CONVERSIONS.byte!), 'byte');
  assert.is(showType(CONVERSIONS.nativeint!), 'int');
  assert.is(showType(CONVERSIONS.unativeint!), 'uint64');
});

test('placements of the restricted built-ins', () => {
  assert.is(BUILTINS.get('NativePtr.extent')!.placement, 'contract');
  assert.is(BUILTINS.get('Array.zeroCreate')!.placement, 'topLevel');
  assert.is(BUILTINS.get('Region.create')!.placement, 'use');
  assert.is(BUILTINS.get('Contract.invariant')!.placement, 'loopTop');
  assert.equal(BUILTINS.get('Arena.create')!.constArgs, [0]);
});

test.run();
