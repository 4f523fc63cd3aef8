// The MLIR data model: plain data, one shape for every dialect.
//
// Every operation is held in the GENERIC form MLIR itself uses internally: a name, operands,
// results, inherent attributes (`properties`, printed `<{...}>`), discardable attributes,
// successors and regions. The custom (pretty) syntax of an op is only a way of writing that
// same record, so a module parsed from mlir-opt's default output and from its
// `--mlir-print-op-generic` output is the same value (up to SSA names), and the verifier
// reads one shape whatever form a file was in.

/** A whole file: its top-level ops (mlir-opt prints a single `builtin.module`). */
export type Module = {
  kind: 'Module';
  ops: Operation[];
  /** Trailing `#loc = loc(...)` definitions, kept as raw text, only when the file had them. */
  locAliases?: { name: string; text: string }[];
};

export type Operation = {
  kind: 'Operation';
  name: string; // `arith.addi`
  results: Value[];
  /** All operands except those passed to successors (those are in `successors[i].args`). */
  operands: Value[];
  /** Inherent attributes (`<{...}>` in generic form), sorted by name as MLIR prints them. */
  properties: NamedAttr[];
  /** Discardable attributes (`{...}` after the regions in generic form), in text order. */
  attributes: NamedAttr[];
  successors: Successor[];
  regions: Region[];
  /** `loc(...)` exactly as written, when the text had one. */
  loc?: string;
  /**
   * For an op of an MLIR dialect whose custom syntax the parser does not know: its text after
   * the name, as written. Operands, regions and types were read off it as far as MLIR's common
   * conventions go (custom-unknown.ts); no semantics reads such an op, and the printers
   * write this text back unchanged.
   */
  unparsed?: string;
};

/**
 * An SSA value, at its definition (result, block argument) and at each use (operand). `name`
 * has no `%`; a value of a multi-result op is `%name#index` (`index` null for `%name`).
 */
export type Value = { name: string; index: number | null; type: Type };

/**
 * A branch target. `args` are the successor operands; for an op the parser does not know,
 * they stay in `operands` (the generic syntax cannot tell them apart) and `args` is empty.
 */
export type Successor = { label: string; args: Value[] };

export type Region = { blocks: Block[] };

/** `label` has no `^`; the entry block's label is null (nothing may branch to it). */
export type Block = { label: string | null; args: Value[]; ops: Operation[] };

export type NamedAttr = { name: string; value: Attr };

// ---------------------------------------------------------------------------------- types

export type FloatName =
  | 'f16' | 'bf16' | 'f32' | 'f64' | 'f80' | 'f128' | 'tf32'
  | 'f8E5M2' | 'f8E4M3' | 'f8E4M3FN' | 'f8E5M2FNUZ' | 'f8E4M3FNUZ' | 'f8E4M3B11FNUZ' | 'f8E3M4';

export type Signedness = 'signless' | 'signed' | 'unsigned';

/** A dimension: a size, or null for a dynamic one (`?`). */
export type Dim = number | null;

export type Type =
  | { kind: 'integer'; width: number; signedness: Signedness } // i32, si8, ui16
  | { kind: 'index' }
  | { kind: 'float'; name: FloatName }
  | { kind: 'none' }
  | { kind: 'function'; inputs: Type[]; results: Type[] }
  | { kind: 'tuple'; types: Type[] }
  | { kind: 'complex'; element: Type }
  | { kind: 'vector'; shape: number[]; scalable: boolean[]; element: Type }
  /** `shape` null: unranked (`tensor<*xf32>`). */
  | { kind: 'tensor'; shape: Dim[] | null; element: Type; encoding: Attr | null }
  /** `layout`: a `strided` or affine-map attribute; `memorySpace`: any attribute. */
  | { kind: 'memref'; shape: Dim[]; element: Type; layout: Attr | null; memorySpace: Attr | null }
  | { kind: 'unrankedMemref'; element: Type; memorySpace: Attr | null }
  | { kind: 'llvm.ptr'; addressSpace: number }
  /**
   * `name` null: a literal struct. `body`: the field types, 'opaque' (`!llvm.struct<"n", opaque>`)
   * or null for a reference to a named struct by name alone (`!llvm.struct<"n">`).
   */
  | { kind: 'llvm.struct'; name: string | null; packed: boolean; body: Type[] | 'opaque' | null }
  | { kind: 'llvm.array'; size: number; element: Type }
  | { kind: 'llvm.void' }
  | { kind: 'llvm.func'; result: Type; params: Type[]; varArg: boolean }
  /** Any other dialect type, as written: `!llvm.token`, `!gpu.async.token`. */
  | { kind: 'opaque'; text: string };

// ----------------------------------------------------------------------------- attributes

/** An element of a `dense<...>` literal: a scalar, or a nested list of them. */
export type DenseElement = bigint | number | boolean | string | DenseElement[];

export type DenseData =
  | { kind: 'empty' } // dense<>
  | { kind: 'hex'; hex: string } // dense<"0x...">
  | { kind: 'literal'; value: DenseElement }; // a splat scalar or a nested list

export type Attr =
  | { kind: 'int'; value: bigint; type: Type } // `5 : i32`; a bare `5` is i64
  /** `bits` (hex, as written) is kept for NaNs and for f80/f128, whose value a number cannot hold. */
  | { kind: 'float'; value: number; type: Type; bits?: string }
  | { kind: 'bool'; value: boolean }
  /** `value` holds bytes (each char code 0..255): MLIR strings are byte strings. */
  | { kind: 'string'; value: string; type?: Type }
  | { kind: 'unit' }
  | { kind: 'type'; type: Type }
  | { kind: 'symbolRef'; root: string; nested: string[] } // @a::@b
  | { kind: 'array'; elements: Attr[] }
  | { kind: 'dict'; entries: NamedAttr[] }
  | { kind: 'dense'; data: DenseData; type: Type }
  /** `array<i64: 1, 2>`: bigint for integers, number for floats, boolean for i1. */
  | { kind: 'denseArray'; elementType: Type; values: (bigint | number | boolean)[] }
  /** The text between `affine_map<` and `>`, as written. */
  | { kind: 'affineMap'; text: string }
  | { kind: 'integerSet'; text: string }
  /** `strided<[?, 1], offset: ?>`: null is dynamic; a missing offset is 0. */
  | { kind: 'strided'; strides: Dim[]; offset: Dim }
  /** Anything else, as written: `#llvm.linkage<internal>`, `#arith.overflow<nsw>`, `dense_resource<x>`. */
  | { kind: 'opaque'; text: string };

// --------------------------------------------------------------------------------- helpers

export const i = (width: number): Type => ({ kind: 'integer', width, signedness: 'signless' });
export const index: Type = { kind: 'index' };
export const f = (name: FloatName): Type => ({ kind: 'float', name });

/** `%name` or `%name#k`, the spelling of a value in the text. */
export function valueRef(v: { name: string; index: number | null }): string {
  return v.index === null ? `%${v.name}` : `%${v.name}#${v.index}`;
}

export function getAttr(list: NamedAttr[], name: string): Attr | undefined {
  for (const a of list) if (a.name === name) return a.value;
  return undefined;
}

/** An inherent attribute, else a discardable one, by name. */
export function opAttr(op: Operation, name: string): Attr | undefined {
  return getAttr(op.properties, name) ?? getAttr(op.attributes, name);
}

/** The single `builtin.module` of a file as mlir-opt prints it, or null. */
export function topModule(m: Module): Operation | null {
  return m.ops.length === 1 && m.ops[0]!.name === 'builtin.module' ? m.ops[0]! : null;
}

/** Every op in the module, outermost first, in text order. */
export function* walk(ops: Operation[]): Generator<Operation> {
  for (const op of ops) {
    yield op;
    for (const r of op.regions) for (const b of r.blocks) yield* walk(b.ops);
  }
}

/**
 * Structural equality of plain data (modules, ops, types, attributes): what `deepEqual`
 * would say, with numbers compared by Object.is (NaN equals NaN, -0 is not 0).
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!sameData(a[k], b[k])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
