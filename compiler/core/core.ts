// Core: the typed, explicit IR between the front end and everything else (interpreter,
// MLIR code generation, safety VCs). Plain data; every node has its type and span.
//
// What elaboration has already done by the time a program is in Core:
// - every name is unique within its function (shadowing renamed: x, x_1, ...);
// - nested functions are lambda-lifted to top level (captured immutables become params);
// - `match` is a tree of tests (UnionTag / comparisons) ending in `Fail` for no match;
// - `for` loops are `While` loops over an explicit counter; `&&`/`||` are `If`s;
// - records, tuples and unions are explicit aggregates; every allocation names its kind;
// - every operation that can go wrong carries its obligations (`obs`), in source order.
import type { Span } from '../syntax/ast.ts';
import type { Type, TypeTable } from '../types/types.ts';

export type Category =
  | 'bounds'
  | 'overflow'
  | 'div-by-zero'
  | 'match-exhaustive'
  | 'precondition'
  | 'postcondition'
  | 'assertion'
  | 'invariant'
  | 'termination'
  | 'stack-escape'
  | 'arena-capacity'
  | 'use-after-reset'
  | 'region-escape'
  | 'use-after-release'
  | 'double-release'
  | 'leak'
  | 'stack-budget';

/** A safety obligation at one source place. `id` is stable across runs:
 *  `<function>/<category>/<line>:<col>` plus `#n` when several share a place. */
export type Obligation = { id: string; category: Category; fn: string; span: Span };

export type CoreProgram = {
  kind: 'CoreProgram';
  file: string;
  types: TypeTable;
  statics: StaticData[];
  functions: CoreFn[];
  /** The function that `run` starts (`[<EntryPoint>]` or `main`), null for a library. */
  entry: string | null;
};

/** Static storage: a top-level array literal or `Array.zeroCreate<T> N`. */
export type StaticData = { name: string; elem: Type; values: CoreConst[]; span: Span };

export type CoreParam = { name: string; ty: Type; span: Span };

export type CoreFn = {
  name: string;
  params: CoreParam[];
  ret: Type;
  body: CExpr;
  /** Contract expressions over mathematical integers; `ensures` may use the Var `result`. */
  requires: CExpr[];
  ensures: CExpr[];
  /** `Contract.decreases` for a recursive function (top of its body), null when absent. */
  decreases: CExpr | null;
  /** For a lifted nested function: the function it was nested in. */
  liftedFrom: string | null;
  /** Whole-function obligations: postcondition, stack-escape/region-escape of the result,
   *  termination of recursion, leak. */
  obs: Obligation[];
  span: Span;
};

export type CoreConst = bigint | number | boolean | string | null; // null = unit

/** Integer/float/bool primitive operations. Signedness comes from the operand type. */
export type PrimOp =
  | 'add' | 'sub' | 'mul' | 'div' | 'rem' | 'neg'
  | 'band' | 'bor' | 'bxor' | 'bnot' | 'shl' | 'shr' // shr: arithmetic on signed, logical on unsigned
  | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'
  | 'not' // boolean
  | 'strcat' | 'strlen';

/** Runtime-library calls. */
export type BuiltinName =
  | 'Console.write' | 'Console.writeln' | 'Console.readln'
  | 'Format.int' | 'Format.int64' | 'Format.uint64' | 'Format.float' | 'Format.bool' | 'Format.char';

type N = { ty: Type; span: Span };

export type CExpr =
  | ({ kind: 'Const'; value: CoreConst } & N)
  | ({ kind: 'Var'; name: string } & N)
  /** The span over a static array. */
  | ({ kind: 'Static'; name: string } & N)
  | ({ kind: 'Let'; name: string; mutable: boolean; init: CExpr; body: CExpr } & N)
  | ({ kind: 'Assign'; name: string; value: CExpr } & N)
  | ({ kind: 'Seq'; items: CExpr[] } & N) // value of the last; at least one item
  | ({ kind: 'If'; cond: CExpr; then: CExpr; else: CExpr } & N)
  | ({ kind: 'While'; cond: CExpr; body: CExpr; invariants: CExpr[]; decreases: CExpr | null; obs: Obligation[] } & N)
  /** `wrap`: the result wraps silently (unsigned, Wrapping.*, native semantics); otherwise
   *  signed overflow is an `overflow` obligation listed in `obs`. In contract expressions
   *  `math` is true: integers are unbounded, nothing wraps. */
  | ({ kind: 'Prim'; op: PrimOp; args: CExpr[]; math: boolean; obs: Obligation[] } & N)
  /** Numeric conversion between int/float/char types (`ty` is the target). Narrowing int
   *  conversions truncate; float -> int out of range is an `overflow` obligation. */
  | ({ kind: 'Convert'; arg: CExpr; obs: Obligation[] } & N)
  | ({ kind: 'Call'; fn: string; args: CExpr[]; obs: Obligation[] } & N) // obs: precondition
  | ({ kind: 'Builtin'; name: BuiltinName; args: CExpr[] } & N)
  | ({ kind: 'Tuple'; items: CExpr[] } & N)
  | ({ kind: 'TupleGet'; tuple: CExpr; index: number } & N)
  | ({ kind: 'Record'; fields: CExpr[] } & N) // in declaration order
  | ({ kind: 'RecordGet'; record: CExpr; index: number } & N)
  | ({ kind: 'MakeCase'; tag: number; payload: CExpr[] } & N)
  | ({ kind: 'CaseTag'; value: CExpr } & N) // int32 tag
  | ({ kind: 'CaseField'; value: CExpr; tag: number; index: number } & N)
  // Memory. Spans and pointers carry their block; every access lists its obligations
  // (bounds, use-after-reset, use-after-release) in `obs`.
  | ({ kind: 'StackAlloc'; elem: Type; count: CExpr; obs: Obligation[] } & N) // -> ptr
  | ({ kind: 'PtrAdd'; ptr: CExpr; offset: CExpr; obs: Obligation[] } & N)
  | ({ kind: 'Load'; target: CExpr; index: CExpr; obs: Obligation[] } & N) // target: ptr or span
  | ({ kind: 'Store'; target: CExpr; index: CExpr; value: CExpr; obs: Obligation[] } & N)
  | ({ kind: 'SpanOfPtr'; ptr: CExpr; length: CExpr; obs: Obligation[] } & N)
  // SpanSlice/SpanLength/RegionCopyOut: the span operand is `source` (`span` is the node's
  // source location, as everywhere).
  | ({ kind: 'SpanSlice'; source: CExpr; start: CExpr; length: CExpr; obs: Obligation[] } & N)
  | ({ kind: 'SpanLength'; source: CExpr } & N) // int
  | ({ kind: 'Extent'; ptr: CExpr } & N) // contracts: elements from ptr to end of its block
  | ({ kind: 'ArenaCreate'; capacity: bigint } & N) // a stack block of `capacity` bytes
  | ({ kind: 'ArenaAlloc'; arena: CExpr; elem: Type; count: CExpr; obs: Obligation[] } & N) // arena-capacity
  | ({ kind: 'ArenaRemaining'; arena: CExpr } & N)
  | ({ kind: 'ArenaReset'; arena: CExpr } & N)
  | ({ kind: 'RegionCreate' } & N)
  | ({ kind: 'RegionAlloc'; region: CExpr; elem: Type; count: CExpr; obs: Obligation[] } & N)
  | ({ kind: 'RegionRelease'; region: CExpr; obs: Obligation[] } & N) // double-release
  | ({ kind: 'RegionCopyOut'; arena: CExpr; source: CExpr; obs: Obligation[] } & N)
  // Contracts.
  | ({ kind: 'Assert'; cond: CExpr; obs: Obligation[] } & N) // Contract.assert: assertion
  | ({ kind: 'Assume'; cond: CExpr } & N)
  | ({ kind: 'Fail'; obs: Obligation[] } & N) // unreachable unless an obligation fails (match-exhaustive)
  | ({ kind: 'Quant'; q: 'forall' | 'exists'; var: string; from: CExpr; to: CExpr; body: CExpr } & N);

export type CExprKind = CExpr['kind'];
