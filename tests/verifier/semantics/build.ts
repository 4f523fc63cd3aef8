// A tiny builder for hand-written Core programs in the interpreter tests.
import type { BuiltinName, CExpr, Category, CoreConst, CoreFn, CoreProgram, Obligation, PrimOp, StaticData } from '../../../compiler/core/core.ts';
import type { Span } from '../../../compiler/syntax/ast.ts';
import { T, intType, type Type } from '../../../compiler/types/types.ts';
import { builtinUnions } from '../../../compiler/types/builtins.ts';
import { runCore, runFunction, type RunResult } from '../../../verifier/semantics/run.ts';
import type { Value } from '../../../verifier/semantics/values.ts';

export const FILE = 't.clef';

/** A span at line:col of the test file. */
export function at(line: number, col = 1): Span {
  return { file: FILE, start: 0, end: 1, line, col };
}
const S = at(1);

export const ty = {
  int: T.int,
  bool: T.bool,
  unit: T.unit,
  float: T.float,
  float32: { kind: 'float', bits: 32 } as Type,
  char: T.char,
  string: T.string,
  i8: intType(8, true),
  i16: intType(16, true),
  i32: intType(32, true),
  i64: intType(64, true),
  u8: intType(8, false),
  u16: intType(16, false),
  u32: intType(32, false),
  u64: intType(64, false),
  arena: { kind: 'arena' } as Type,
  region: { kind: 'region' } as Type,
  ptr: (elem: Type): Type => ({ kind: 'ptr', elem }),
  span: (elem: Type): Type => ({ kind: 'span', elem }),
  tuple: (...elems: Type[]): Type => ({ kind: 'tuple', elems }),
  record: (name: string): Type => ({ kind: 'record', name }),
  union: (name: string, ...args: Type[]): Type => ({ kind: 'union', name, args }),
};

/** An obligation of `category` located at line:col. */
export function ob(category: Category, line: number, col = 1): Obligation {
  return { id: `f/${category}/${line}:${col}`, category, fn: 'f', span: at(line, col) };
}

export function k(value: CoreConst, t: Type = T.int, span: Span = S): CExpr {
  return { kind: 'Const', value, ty: t, span };
}
export const unit = (): CExpr => k(null, T.unit);
export function v(name: string, t: Type = T.int): CExpr {
  return { kind: 'Var', name, ty: t, span: S };
}
export function prim(op: PrimOp, args: CExpr[], t: Type, obs: Obligation[] = [], math = false, span: Span = S): CExpr {
  return { kind: 'Prim', op, args, math, obs, ty: t, span };
}
const CMP = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'not']);
/** A primitive whose result type is the first operand's (bool for comparisons). */
export function op(o: PrimOp, ...args: CExpr[]): CExpr {
  return prim(o, args, CMP.has(o) ? T.bool : args[0]!.ty);
}
export function convert(arg: CExpr, to: Type, obs: Obligation[] = []): CExpr {
  return { kind: 'Convert', arg, obs, ty: to, span: S };
}
export function let_(name: string, init: CExpr, body: CExpr, mutable = false): CExpr {
  return { kind: 'Let', name, mutable, init, body, ty: body.ty, span: S };
}
export function assign(name: string, value: CExpr): CExpr {
  return { kind: 'Assign', name, value, ty: T.unit, span: S };
}
export function seq(...items: CExpr[]): CExpr {
  return { kind: 'Seq', items, ty: items[items.length - 1]!.ty, span: S };
}
export function if_(cond: CExpr, then: CExpr, els: CExpr): CExpr {
  return { kind: 'If', cond, then, else: els, ty: then.ty, span: S };
}
export function while_(cond: CExpr, body: CExpr, extra: { invariants?: CExpr[]; decreases?: CExpr; obs?: Obligation[] } = {}): CExpr {
  return { kind: 'While', cond, body, invariants: extra.invariants ?? [], decreases: extra.decreases ?? null, obs: extra.obs ?? [], ty: T.unit, span: S };
}
export function call(fn: string, args: CExpr[], ret: Type = T.int, obs: Obligation[] = [], span: Span = S): CExpr {
  return { kind: 'Call', fn, args, obs, ty: ret, span };
}
export function writeln(s: CExpr): CExpr {
  return { kind: 'Builtin', name: 'Console.writeln', args: [s], ty: T.unit, span: S };
}
export function write(s: CExpr): CExpr {
  return { kind: 'Builtin', name: 'Console.write', args: [s], ty: T.unit, span: S };
}
export function fmtInt(e: CExpr): CExpr {
  return { kind: 'Builtin', name: 'Format.int', args: [e], ty: T.string, span: S };
}
export function builtin(name: BuiltinName, args: CExpr[], t: Type = T.string): CExpr {
  return { kind: 'Builtin', name, args, ty: t, span: S };
}
export function stackalloc(elem: Type, count: CExpr, obs: Obligation[] = []): CExpr {
  return { kind: 'StackAlloc', elem, count, obs, ty: ty.ptr(elem), span: S };
}
export function load(target: CExpr, index: CExpr, obs: Obligation[] = [], span: Span = S): CExpr {
  const t = target.ty;
  const elem = t.kind === 'ptr' || t.kind === 'span' ? t.elem : T.unit;
  return { kind: 'Load', target, index, obs, ty: elem, span };
}
export function store(target: CExpr, index: CExpr, value: CExpr, obs: Obligation[] = [], span: Span = S): CExpr {
  return { kind: 'Store', target, index, value, obs, ty: T.unit, span };
}

/** A function; `params` are [name, type] pairs. */
export function fn(
  name: string,
  params: [string, Type][],
  ret: Type,
  body: CExpr,
  extra: Partial<Pick<CoreFn, 'requires' | 'ensures' | 'decreases' | 'obs'>> = {},
): CoreFn {
  return {
    name,
    params: params.map(([n, t]) => ({ name: n, ty: t, span: S })),
    ret,
    body,
    requires: extra.requires ?? [],
    ensures: extra.ensures ?? [],
    decreases: extra.decreases ?? null,
    liftedFrom: null,
    obs: extra.obs ?? [],
    span: S,
  };
}

export function program(functions: CoreFn[], extra: { statics?: StaticData[]; records?: [string, [string, Type][]][] } = {}): CoreProgram {
  const records = new Map((extra.records ?? []).map(([name, fields]) => [name, { name, struct: false, fields: fields.map(([n, t]) => ({ name: n, ty: t })) }]));
  const unions = new Map(builtinUnions().map((u) => [u.name, u]));
  return {
    kind: 'CoreProgram',
    file: FILE,
    types: { records, unions },
    statics: extra.statics ?? [],
    functions,
    entry: functions.some((f) => f.name === 'main') ? 'main' : null,
  };
}

export type Ran = { out: string; result: RunResult };

/** Runs a program (its `main`). */
export function run(prog: CoreProgram, opts: { checks?: boolean; args?: string[]; stdin?: string; maxSteps?: number; maxDepth?: number } = {}): Ran {
  let out = '';
  const result = runCore(prog, {
    checks: opts.checks ?? true,
    args: opts.args ?? [],
    stdin: opts.stdin ?? '',
    write: (s) => (out += s),
    maxSteps: opts.maxSteps ?? 1_000_000,
    ...(opts.maxDepth !== undefined ? { maxDepth: opts.maxDepth } : {}),
  });
  return { out, result };
}

/** Evaluates one expression as the body of a parameterless function. */
export function evaluate(e: CExpr, checks = true, fns: CoreFn[] = []): { value: Value } | { violation: { category: string; span: Span; message: string } } {
  const prog = program([fn('f', [], e.ty, e), ...fns]);
  return runFunction(prog, 'f', [], { checks, stdin: '', write: () => {}, maxSteps: 1_000_000 });
}

/** The value of an expression, failing the test if the run stopped. */
export function value(e: CExpr, checks = true): Value {
  const r = evaluate(e, checks);
  if ('violation' in r) throw new Error(`unexpected violation ${r.violation.category}: ${r.violation.message}`);
  return r.value;
}

/** `category@line:col` of the violation an expression stops with, or 'ok'. */
export function stopsWith(e: CExpr, checks = true, fns: CoreFn[] = []): string {
  const r = evaluate(e, checks, fns);
  return 'violation' in r ? `${r.violation.category}@${r.violation.span.line}:${r.violation.span.col}` : 'ok';
}

export function violationOf(r: RunResult): string {
  return 'violation' in r ? `${r.violation.category}@${r.violation.span.line}:${r.violation.span.col}` : `exit ${r.exitCode}`;
}
