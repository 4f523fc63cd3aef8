// Every built-in of CLEF.md with its type. The checker instantiates a generic built-in
// afresh at each use (explicit `<T>` arguments bind its type parameters in order), so
// `NativePtr.get` works on any element type although user generics are not in v1.
import { T, intType, typeParam } from './types.ts';
import type { Type, UnionInfo } from './types.ts';

/** Type classes for operator and built-in arguments (see classes.ts). */
export type TypeClass =
  | 'integer' // any int width, signed or not
  | 'number' // integer or float
  | 'signed' // signed integer or float (unary minus)
  | 'addable' // number or string (`+`)
  | 'convertible' // number or char (conversions)
  | 'comparable' // number or char (`<` `<=` `>` `>=`)
  | 'equality' // scalars, strings, and tuples/records/unions of those (`=` `<>`)
  | 'shiftCount'; // int32 (as F#) or int

/** Where a built-in may be used; the checker reports any other use. */
export type Placement =
  | 'anywhere'
  | 'contract' // only in Requires/Ensures and Contract.* arguments
  | 'topLevel' // only as the whole body of a top-level value (static storage)
  | 'use' // only as the value of `use r = ...`
  | 'loopTop' // only among the first statements of a loop body
  | 'loopOrFnTop'; // ... or of a function body

export type BuiltinSig = {
  name: string;
  /** Number of type parameters; `f<int>` binds them in order. */
  tparams: number;
  /** A class constraint per type parameter (null: none). */
  classes?: (TypeClass | null)[];
  /** The signature at the given type arguments. */
  sig: (t: Type[]) => { params: Type[]; ret: Type };
  placement: Placement;
  /** Argument positions that must be integer literal constants. */
  constArgs?: number[];
  doc: string;
};

const span = (elem: Type): Type => ({ kind: 'span', elem });
const ptr = (elem: Type): Type => ({ kind: 'ptr', elem });
const arena: Type = { kind: 'arena' };
const region: Type = { kind: 'region' };
const I = T.int;

function mono(name: string, params: Type[], ret: Type, doc: string, placement: Placement = 'anywhere'): BuiltinSig {
  return { name, tparams: 0, sig: () => ({ params, ret }), placement, doc };
}

function poly(
  name: string,
  tparams: number,
  sig: (t: Type[]) => { params: Type[]; ret: Type },
  doc: string,
  extra: Partial<BuiltinSig> = {},
): BuiltinSig {
  return { name, tparams, sig, placement: 'anywhere', doc, ...extra };
}

/** Conversion functions: the target type of each name. `double`/`single` are F# aliases. */
export const CONVERSIONS: Record<string, Type> = {
  int: I,
  int8: intType(8, true),
  sbyte: intType(8, true),
  int16: intType(16, true),
  int32: intType(32, true),
  int64: intType(64, true),
  nativeint: intType(64, true),
  uint8: intType(8, false),
  byte: intType(8, false),
  uint16: intType(16, false),
  uint32: intType(32, false),
  uint64: intType(64, false),
  unativeint: intType(64, false),
  float: T.float,
  double: T.float,
  float32: { kind: 'float', bits: 32 },
  single: { kind: 'float', bits: 32 },
  char: T.char,
};

const list: BuiltinSig[] = [
  // Console and formatting. Format.int takes `int` only, as F# would: convert other widths
  // first (`Format.int (int x)`); Format.int64 is the same function under its F# name.
  mono('Console.write', [T.string], T.unit, 'print a string'),
  mono('Console.writeln', [T.string], T.unit, 'print a string and a new line'),
  mono('Console.readln', [T.unit], T.string, 'read one line of standard input (without its new line)'),
  mono('Format.int', [I], T.string, 'decimal text of an int'),
  mono('Format.int64', [intType(64, true)], T.string, 'decimal text of an int64'),
  mono('Format.uint64', [intType(64, false)], T.string, 'decimal text of a uint64'),
  mono('Format.float', [T.float], T.string, 'shortest text that reads back to the same float'),
  mono('Format.bool', [T.bool], T.string, '"true" or "false"'),
  mono('Format.char', [T.char], T.string, 'the character as a string'),
  mono('String.length', [T.string], I, 'length in bytes (UTF-8)'),
  // Stack memory.
  poly('NativePtr.stackalloc', 1, ([t]) => ({ params: [I], ret: ptr(t!) }), 'n elements on the stack frame'),
  poly('NativePtr.get', 1, ([t]) => ({ params: [ptr(t!), I], ret: t! }), 'element i'),
  poly('NativePtr.set', 1, ([t]) => ({ params: [ptr(t!), I, t!], ret: T.unit }), 'store element i'),
  poly('NativePtr.read', 1, ([t]) => ({ params: [ptr(t!)], ret: t! }), 'element 0'),
  poly('NativePtr.write', 1, ([t]) => ({ params: [ptr(t!), t!], ret: T.unit }), 'store element 0'),
  poly('NativePtr.add', 1, ([t]) => ({ params: [ptr(t!), I], ret: ptr(t!) }), 'pointer k elements further'),
  poly('NativePtr.extent', 1, ([t]) => ({ params: [ptr(t!)], ret: I }), 'elements from p to the end of its block', {
    placement: 'contract',
  }),
  // Spans.
  poly('Span.ofPtr', 1, ([t]) => ({ params: [ptr(t!), I], ret: span(t!) }), 'a span of n elements at p'),
  poly('Span.slice', 1, ([t]) => ({ params: [span(t!), I, I], ret: span(t!) }), 'a sub-span (start, length)'),
  // Arenas: the capacity is a constant number of bytes.
  mono('Arena.create', [I], arena, 'an arena of a constant number of bytes'),
  poly('Arena.alloc', 1, ([t]) => ({ params: [arena, I], ret: span(t!) }), 'n elements from the arena'),
  mono('Arena.remaining', [arena], I, 'bytes left'),
  mono('Arena.reset', [arena], T.unit, 'free everything allocated so far'),
  // Regions. copyOut takes the destination arena explicitly (CLEF.md's one-argument form
  // leaves the arena implicit; we make it the first argument).
  mono('Region.create', [T.unit], region, 'a scoped heap, only as `use r = Region.create ()`', 'use'),
  poly('Region.alloc', 1, ([t]) => ({ params: [region, I], ret: span(t!) }), 'n elements from the region'),
  poly('Region.copyOut', 1, ([t]) => ({ params: [arena, span(t!)], ret: span(t!) }), 'copy a span into an arena'),
  // Wrapping arithmetic (no overflow obligation).
  ...(['add', 'sub', 'mul'] as const).map((op) =>
    poly(`Wrapping.${op}`, 1, ([t]) => ({ params: [t!, t!], ret: t! }), `two's complement ${op}`, { classes: ['integer'] }),
  ),
  // Contracts.
  mono('Contract.assert', [T.bool], T.unit, 'an assertion obligation'),
  mono('Contract.assume', [T.bool], T.unit, 'an assumption (recorded in the evidence)'),
  mono('Contract.invariant', [T.bool], T.unit, 'a loop invariant (top of a loop body)', 'loopTop'),
  poly('Contract.decreases', 1, ([t]) => ({ params: [t!], ret: T.unit }), 'a termination measure', {
    classes: ['integer'],
    placement: 'loopOrFnTop',
  }),
  // Misc.
  poly('ignore', 1, ([t]) => ({ params: [t!], ret: T.unit }), 'discard a value'),
  mono('not', [T.bool], T.bool, 'boolean negation'),
  poly('Array.zeroCreate', 1, ([t]) => ({ params: [I], ret: span(t!) }), 'static storage of N zeroed elements', {
    placement: 'topLevel',
    constArgs: [0],
  }),
  ...Object.entries(CONVERSIONS).map(([name, to]) =>
    poly(name, 1, ([t]) => ({ params: [t!], ret: to }), `convert to ${name}`, { classes: ['convertible'] }),
  ),
];
list.find((b) => b.name === 'Arena.create')!.constArgs = [0];

export const BUILTINS: ReadonlyMap<string, BuiltinSig> = new Map(list.map((b) => [b.name, b]));

/** Built-in constants `Int32.MaxValue` etc. (the type and its value). */
export const BUILTIN_VALUES: ReadonlyMap<string, { ty: Type; value: bigint }> = (() => {
  const m = new Map<string, { ty: Type; value: bigint }>();
  const mods: [string, 8 | 16 | 32 | 64, boolean][] = [
    ['SByte', 8, true], ['Int8', 8, true], ['Byte', 8, false], ['UInt8', 8, false],
    ['Int16', 16, true], ['UInt16', 16, false], ['Int32', 32, true], ['UInt32', 32, false],
    ['Int64', 64, true], ['UInt64', 64, false],
  ];
  for (const [mod, bits, signed] of mods) {
    const ty = intType(bits, signed);
    m.set(`${mod}.MaxValue`, { ty, value: signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n });
    m.set(`${mod}.MinValue`, { ty, value: signed ? -(1n << BigInt(bits - 1)) : 0n });
  }
  return m;
})();

/** Modules whose members are built-ins (so `Console.foo` is "unknown member", not "unknown name"). */
export const BUILTIN_MODULES = new Set([
  'Console', 'Format', 'NativePtr', 'Span', 'Arena', 'Region', 'Wrapping', 'Contract', 'String', 'Array',
  'SByte', 'Int8', 'Byte', 'UInt8', 'Int16', 'UInt16', 'Int32', 'UInt32', 'Int64', 'UInt64',
]);

/** Names that exist in F# but not in Clef v1, with the reason given to the user. */
export const NOT_IN_V1: ReadonlyMap<string, string> = new Map(
  (
    [
      [['failwith', 'failwithf', 'raise', 'reraise', 'invalidArg', 'invalidOp', 'nullArg'], 'exceptions are not in Clef v1'],
      [['printf', 'printfn', 'eprintf', 'eprintfn'], 'printf formatting is not in Clef v1; use Console.write/Console.writeln with Format.*'],
      [['sprintf'], 'printf formatting is not in Clef v1; use Format.* and string +'],
      [['MailboxProcessor'], 'actors are not in Clef v1'],
      [['async', 'task'], 'async workflows are not in Clef v1'],
      [['seq'], 'sequence expressions are not in Clef v1'],
      [['lazy'], 'lazy values are not in Clef v1'],
      [['box', 'unbox'], 'Clef has no obj'],
      [['null'], 'Clef has no null; use option'],
      [['ref'], 'ref cells are not in Clef v1; use let mutable'],
      [['fst', 'snd'], 'generic functions are not in Clef v1; use let (a, b) = t'],
      [['id', 'max', 'min', 'abs', 'compare', 'hash'], 'generic functions are not in Clef v1'],
      [['typeof', 'typedefof', 'sizeof', 'nameof'], 'reflection is not in Clef v1'],
      [['string'], 'the string conversion is not in Clef v1; use Format.*'],
    ] as [string[], string][]
  ).flatMap(([names, why]) => names.map((n) => [n, why] as [string, string])),
);

/** Modules of F#'s library that Clef v1 does not have. */
export const MODULES_NOT_IN_V1: ReadonlyMap<string, string> = new Map([
  ['List', 'lists are not in Clef v1'],
  ['Seq', 'sequences are not in Clef v1'],
  ['Map', 'maps are not in Clef v1'],
  ['Set', 'sets are not in Clef v1'],
  ['Async', 'async workflows are not in Clef v1'],
  ['Task', 'tasks are not in Clef v1'],
  ['MailboxProcessor', 'actors are not in Clef v1'],
  ['Option', 'the Option module is not in Clef v1; use match'],
  ['Printf', 'printf formatting is not in Clef v1'],
  ['System', '.NET libraries are not available in Clef'],
  ['Math', 'the Math module is not in Clef v1'],
]);

/** The built-in unions, always in the TypeTable: option, voption, Result. */
export function builtinUnions(): UnionInfo[] {
  const a = typeParam(0);
  const b = typeParam(1);
  return [
    { name: 'option', params: ['T'], cases: [
      { name: 'None', tag: 0, fields: [] },
      { name: 'Some', tag: 1, fields: [{ name: null, ty: a }] },
    ] },
    { name: 'voption', params: ['T'], cases: [
      { name: 'ValueNone', tag: 0, fields: [] },
      { name: 'ValueSome', tag: 1, fields: [{ name: null, ty: a }] },
    ] },
    { name: 'Result', params: ['T', 'E'], cases: [
      { name: 'Ok', tag: 0, fields: [{ name: 'ResultValue', ty: a }] },
      { name: 'Error', tag: 1, fields: [{ name: 'ErrorValue', ty: b }] },
    ] },
  ];
}
