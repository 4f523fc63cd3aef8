// Random well-typed expressions, one line each and fully parenthesised (so precedence
// never changes what the generator meant). Division and remainder only ever see divisors
// that cannot be zero and never the signed `MinValue / -1` pair; shift counts are any
// value (Clef masks them by the width); signed overflow is allowed (the differential test
// runs the interpreter with the wrapping semantics of native code).
import { anyName, I32, I64, INT_TYPES, literal, maxOf, minOf, randomLiteral, U32, U8, type IntTy } from './int-types.ts';
import { below, between, chance, pick, weighted, type Rng } from './prng.ts';
import { gBool, gInt, hasEquality, optionCases, sameType, type GType } from './gen-types.ts';
import { affordable, use, type FnSig, type Gen, type Var } from './gen-state.ts';

const lit = (g: Gen, t: IntTy, v: bigint | number): string => literal(g.rng, t, BigInt(v));

export function randomIntType(r: Rng): IntTy {
  return pick(r, INT_TYPES);
}

/** A type for a new local or parameter: mostly integers, sometimes an aggregate (nested
 *  up to `depth` levels) of the unit's types. */
export function randomValueType(g: Gen, depth = 1): GType {
  const t = (): GType => gInt(randomIntType(g.rng));
  const inner = (): GType => (depth > 0 && chance(g.rng, 0.3) ? randomValueType(g, depth - 1) : t());
  return weighted(g.rng, [
    [8, t],
    [1.5, () => gBool],
    [1, () => ({ kind: 'tuple', elems: Array.from({ length: between(g.rng, 2, 3) }, () => (chance(g.rng, 0.8) ? inner() : gBool)) }) as GType],
    [1, () => ({ kind: 'option', elem: inner(), value: chance(g.rng, 0.3) }) as GType],
    [g.records.length ? 1 : 0, () => ({ kind: 'record', decl: pick(g.rng, g.records) }) as GType],
    [g.unions.length ? 1 : 0, () => ({ kind: 'union', decl: pick(g.rng, g.unions) }) as GType],
  ] as const)();
}

/** One of `vs`, often one of the most recent (so fresh values feed the next ones). */
function pickVar(g: Gen, vs: Var[]): Var {
  return chance(g.rng, 0.5) ? vs[vs.length - 1 - below(g.rng, Math.min(3, vs.length))]! : pick(g.rng, vs);
}

function varsOf(g: Gen, ty: GType): Var[] {
  return g.vars.filter((v) => sameType(v.ty, ty));
}

/** Functions in scope returning `ty` that the cost budget allows here. */
function callable(g: Gen, ty: GType): FnSig[] {
  return g.fns.filter((f) => sameType(f.ret, ty) && canCall(g, f));
}

/** Buffers in scope that can be passed where `want` is expected (at least as long). */
function bufferArgs(g: Gen, want: GType & { kind: 'buffer' }): Var[] {
  return g.vars.filter((v) => v.ty.kind === 'buffer' && v.ty.t === want.t && v.ty.span === want.span && v.ty.length >= want.length);
}

/** Whether a call of `f` fits the budget and every buffer parameter has an argument. */
export function canCall(g: Gen, f: FnSig): boolean {
  return affordable(g, f) && f.params.every((p) => p.ty.kind !== 'buffer' || bufferArgs(g, p.ty).length > 0);
}

/** A call with generated arguments; a recursive helper gets a small depth first. */
export function genCall(g: Gen, f: FnSig, depth: number): string {
  g.cost += g.mult * f.cost;
  f.calls++;
  const args = f.params.map((p, i) => {
    if (f.recursive && i === 0) return `((${genInt(g, I64, Math.min(depth, 1))}) &&& 7)`;
    if (p.ty.kind === 'buffer') {
      const b = pick(g.rng, bufferArgs(g, p.ty));
      const room = b.ty.kind === 'buffer' ? b.ty.length - p.ty.length : 0;
      if (!p.ty.span && room > 0 && chance(g.rng, 0.4)) return `(NativePtr.add ${use(b)} ${between(g.rng, 0, room)})`;
      return use(b);
    }
    return `(${genValue(g, p.ty, depth)})`;
  });
  if (args.length === 0) return `${f.name} ()`;
  // sometimes the last argument comes through a pipe: `(x) |> f a`
  if (!f.recursive && chance(g.rng, 0.12)) return `${args[args.length - 1]} |> ${[f.name, ...args.slice(0, -1)].join(' ')}`;
  return `${f.name} ${args.join(' ')}`;
}

/** Readable int-typed places: record fields of variables, buffer elements (built only
 *  when chosen: an index is an expression of its own). */
function placeReads(g: Gen, t: IntTy, depth: number): (() => string)[] {
  const out: (() => string)[] = [];
  for (const v of g.vars) {
    if (v.ty.kind === 'record') {
      for (const f of v.ty.decl.fields) {
        if (f.ty.kind === 'int' && f.ty.t === t) out.push(() => `${use(v)}.${f.name}`);
        if (f.ty.kind === 'record') {
          for (const f2 of f.ty.decl.fields) if (f2.ty.kind === 'int' && f2.ty.t === t) out.push(() => `${use(v)}.${f.name}.${f2.name}`);
        }
      }
    } else if (v.ty.kind === 'buffer' && v.ty.t === t) {
      const { length, span } = v.ty;
      out.push(() => {
        const idx = genIndex(g, length, depth);
        if (span) return `${use(v)}.[${idx}]`;
        return chance(g.rng, 0.8) ? `(NativePtr.get ${use(v)} ${idx})` : `(NativePtr.read ${use(v)})`;
      });
    } else if (v.ty.kind === 'buffer' && v.ty.span && t === I64) {
      out.push(() => `${use(v)}.Length`);
    }
  }
  return out;
}

function intLeaf(g: Gen, t: IntTy, depth: number): string {
  const vs = varsOf(g, gInt(t));
  const others = g.vars.filter((v) => v.ty.kind === 'int' && v.ty.t !== t);
  const places = placeReads(g, t, depth);
  return weighted(g.rng, [
    [vs.length || others.length ? 1 : 3, () => randomLiteral(g.rng, t)],
    [vs.length ? 6 : 0, () => use(pickVar(g, vs))],
    [places.length ? 3 : 0, () => pick(g.rng, places)()],
    [0.4, () => `${pick(g.rng, t.modules)}.${chance(g.rng, 0.5) ? 'MaxValue' : 'MinValue'}`],
    [others.length ? 3 : 0, () => `(${anyName(g.rng, t)} ${use(pickVar(g, others))})`],
  ] as const)();
}

/** An `int` index in 0 .. length-1 for any value of the expression it is built from. */
export function genIndex(g: Gen, length: number, depth: number): string {
  const ints = g.vars.filter((v) => v.ty.kind === 'int');
  if (depth <= 0) {
    if (ints.length === 0 || chance(g.rng, 0.3)) return String(below(g.rng, length));
    return `((int (${anyName(g.rng, U8)} ${use(pickVar(g, ints))})) % ${length})`;
  }
  const d = Math.min(depth - 1, 1);
  return weighted(g.rng, [
    [2, () => String(below(g.rng, length))],
    [3, () => `((int (${anyName(g.rng, U8)} ${genInt(g, randomIntType(g.rng), d)})) % ${length})`],
    [(length & (length - 1)) === 0 ? 2 : 0, () => `(${genInt(g, I64, d)} &&& ${length - 1})`],
    [2, () => `(int (${genInt(g, U32, d)} % ${length}u))`],
  ] as const)();
}

/** A shift count: any int32 or int. Literals are mostly counts that move bits (masked
 *  to 1 .. width-1), sometimes ones that mask to 0 or come from far outside the width. */
function shiftCount(g: Gen, t: IntTy, depth: number): string {
  const ct = chance(g.rng, 0.5) ? I32 : I64;
  const w = t.bits;
  const k = below(g.rng, 10);
  if (k < 4) return lit(g, ct, pick(g.rng, [1, 2, 3, w >> 1, w - 1, between(g.rng, 1, w - 1)]));
  if (k < 6) return lit(g, ct, pick(g.rng, [w + 1, 2 * w - 1, w + between(g.rng, 1, w - 1), -1, -between(g.rng, 1, 70), 0, w, 64, between(g.rng, 0, 200)]));
  if (k < 8) return `(${genInt(g, ct, depth)} &&& ${lit(g, ct, w - 1)})`;
  return genInt(g, ct, depth);
}

/** A divisor of type t that is never zero and never -1. */
function safeSignedDivisor(g: Gen, t: IntTy, depth: number): string {
  return weighted(g.rng, [
    [3, () => {
      let v = 0n;
      while (v === 0n || v === -1n) v = BigInt.asIntN(t.bits, BigInt(between(g.rng, -20, 20)) * (chance(g.rng, 0.2) ? 1000003n : 1n));
      return lit(g, t, chance(g.rng, 0.1) ? minOf(t) : v);
    }],
    // odd and non-negative: (y &&& MaxValue) ||| 1
    [2, () => `((${genInt(g, t, depth)} &&& ${lit(g, t, maxOf(t))}) ||| ${lit(g, t, 1)})`],
    // in -66 .. -3
    [1, () => `((${genInt(g, t, depth)} &&& ${lit(g, t, 63)}) - ${lit(g, t, 66)})`],
  ] as const)();
}

function divRem(g: Gen, t: IntTy, depth: number): string {
  const op = chance(g.rng, 0.5) ? '/' : '%';
  const d = depth - 1;
  if (!t.signed) {
    const divisor = weighted(g.rng, [
      [2, () => lit(g, t, 1n + (BigInt(chance(g.rng, 0.8) ? below(g.rng, 20) : below(g.rng, 100_000)) % maxOf(t)))],
      [2, () => `(${genInt(g, t, d)} ||| ${lit(g, t, 1)})`],
      [1, () => `((${genInt(g, t, d)} >>> 1) + ${lit(g, t, 1)})`],
      [0.5, () => lit(g, t, maxOf(t))],
    ] as const)();
    return `(${genInt(g, t, d)} ${op} ${divisor})`;
  }
  // A non-negative dividend may meet any non-zero divisor, -1 included.
  if (chance(g.rng, 0.3)) return `((${genInt(g, t, d)} &&& ${lit(g, t, maxOf(t))}) ${op} (${genInt(g, t, d)} ||| ${lit(g, t, 1)}))`;
  return `(${genInt(g, t, d)} ${op} ${safeSignedDivisor(g, t, d)})`;
}

/** Unary minus. The parser folds `-` into a literal operand even through parentheses, so
 *  `-(-128y)` reads as the out-of-range literal `128y` (see differential/repro); a literal
 *  operand is therefore negated inside an addition of zero. */
function negation(g: Gen, t: IntTy, depth: number): string {
  const e = genInt(g, t, depth);
  return /^\(?-?[0-9]/.test(e) ? `(-(${e} + ${lit(g, t, 0)}))` : `(-${e})`;
}

/** Two operands, the second drawn again when it came out equal to the first (`x - x`,
 *  `x >= x` make whole subexpressions constant and hide what they compute). */
function operands(g: Gen, t: IntTy, depth: number): [string, string] {
  const a = genInt(g, t, depth);
  let b = genInt(g, t, depth);
  for (let k = 0; k < 3 && b === a; k++) b = genInt(g, t, depth);
  return [a, b];
}

function binary(g: Gen, t: IntTy, depth: number, op: string): string {
  const [a, b] = operands(g, t, depth);
  return `(${a} ${op} ${b})`;
}

export function genInt(g: Gen, t: IntTy, depth: number): string {
  if (depth <= 0) return intLeaf(g, t, depth);
  const d = depth - 1;
  const calls = callable(g, gInt(t));
  return weighted(g.rng, [
    [3, () => intLeaf(g, t, d)],
    [4, () => binary(g, t, d, pick(g.rng, ['+', '-', '*']))],
    [3, () => binary(g, t, d, pick(g.rng, ['&&&', '|||', '^^^']))],
    [2.5, () => `(${genInt(g, t, d)} ${pick(g.rng, ['<<<', '>>>'])} ${shiftCount(g, t, d)})`],
    [1, () => `(~~~${genInt(g, t, d)})`],
    [t.signed ? 1 : 0, () => negation(g, t, d)],
    [3, () => `(${anyName(g.rng, t)} ${genInt(g, randomIntType(g.rng), d)})`],
    [2, () => divRem(g, t, depth)],
    [1, () => `(if ${genBool(g, d)} then ${genInt(g, t, d)} else ${genInt(g, t, d)})`],
    [calls.length ? 2 : 0, () => `(${genCall(g, pick(g.rng, calls), d)})`],
    [0.7, () => {
      const [a, b] = operands(g, t, d);
      return `(Wrapping.${pick(g.rng, ['add', 'sub', 'mul'])} ${a} ${b})`;
    }],
  ] as const)();
}

const CMP = ['<', '<=', '>', '>=', '=', '<>'];

/** A generated local's name (`v12`, `acc`, `acc7`): the text reads a variable. */
const READS_VAR = /\b(?:[a-z]\d+|acc\d*)\b/;

/** A condition that reads at least one variable when the scope has any (a condition
 *  over literals only is constant, and one of its branches dead). */
export function genCond(g: Gen, depth: number): string {
  let c = genBool(g, depth);
  for (let k = 0; k < 4 && !READS_VAR.test(c) && g.vars.length > 0; k++) c = genBool(g, depth);
  return c;
}

export function genBool(g: Gen, depth: number): string {
  const vs = varsOf(g, { kind: 'bool' });
  const d = depth - 1;
  const leaf = (): string => {
    const t = randomIntType(g.rng);
    return `(${intLeaf(g, t, 0)} ${pick(g.rng, CMP)} ${intLeaf(g, t, 0)})`;
  };
  if (depth <= 0) return vs.length && chance(g.rng, 0.5) ? use(pickVar(g, vs)) : leaf();
  const eqVars = g.vars.filter((v) => v.ty.kind !== 'int' && v.ty.kind !== 'bool' && hasEquality(v.ty));
  const calls = callable(g, { kind: 'bool' });
  return weighted(g.rng, [
    [6, () => {
      const t = randomIntType(g.rng);
      const [a, b] = operands(g, t, d);
      return `(${a} ${pick(g.rng, CMP)} ${b})`;
    }],
    [2, () => `(${genBool(g, d)} ${pick(g.rng, ['&&', '||'])} ${genBool(g, d)})`],
    [1, () => `(not ${genBool(g, d)})`],
    [vs.length ? 1.5 : 0, () => use(pickVar(g, vs))],
    [0.3, () => pick(g.rng, ['true', 'false'])],
    [0.5, () => `(${genBool(g, d)} ${pick(g.rng, ['=', '<>'])} ${genBool(g, d)})`],
    [eqVars.length ? 1 : 0, () => {
      const v = pick(g.rng, eqVars);
      return `(${use(v)} ${pick(g.rng, ['=', '<>'])} ${genValue(g, v.ty, d)})`;
    }],
    [calls.length ? 1 : 0, () => `(${genCall(g, pick(g.rng, calls), d)})`],
    [0.5, leaf],
  ] as const)();
}

/** A value of any generated type (buffers excepted: those only come from stackalloc). */
export function genValue(g: Gen, ty: GType, depth: number): string {
  const vs = varsOf(g, ty);
  const calls = callable(g, ty);
  const d = Math.max(depth - 1, 0);
  const reuse = (): string | null => {
    if (vs.length && chance(g.rng, 0.3)) return use(pickVar(g, vs));
    if (calls.length && depth > 0 && chance(g.rng, 0.25)) return `(${genCall(g, pick(g.rng, calls), d)})`;
    return null;
  };
  switch (ty.kind) {
    case 'int':
      return genInt(g, ty.t, depth);
    case 'bool':
      return genBool(g, depth);
    case 'tuple':
      return reuse() ?? `(${ty.elems.map((e) => genValue(g, e, d)).join(', ')})`;
    case 'option': {
      const r = reuse();
      if (r) return r;
      const { some: S, none: N } = optionCases(ty);
      const some = `${S} (${genValue(g, ty.elem, d)})`;
      return weighted(g.rng, [
        [2, () => `(if ${genBool(g, d)} then ${some} else ${N})`],
        [1, () => `(if ${genBool(g, d)} then ${N} else ${some})`],
        [1, () => `(${some})`],
      ] as const)();
    }
    case 'record': {
      const r = reuse();
      if (r) return r;
      const base = vs.length ? pick(g.rng, vs) : null;
      if (base && chance(g.rng, 0.5)) {
        const f = pick(g.rng, ty.decl.fields);
        if (f.ty.kind === 'record' && chance(g.rng, 0.6)) {
          const f2 = pick(g.rng, f.ty.decl.fields);
          return `{ ${use(base)} with ${f.name} = { ${base.name}.${f.name} with ${f2.name} = ${genValue(g, f2.ty, d)} } }`;
        }
        return `{ ${use(base)} with ${f.name} = ${genValue(g, f.ty, d)} }`;
      }
      return `{ ${ty.decl.fields.map((f) => `${f.name} = ${genValue(g, f.ty, d)}`).join('; ')} }`;
    }
    case 'union': {
      const r = reuse();
      if (r) return r;
      const c = pick(g.rng, ty.decl.cases);
      if (c.fields.length === 0) return c.name;
      const args = c.fields.map((f) => genValue(g, f, d));
      return `(${c.name} (${args.join(', ')}))`;
    }
    case 'buffer':
      throw new Error('buffers are not generated as values');
    default: {
      const _never: never = ty;
      return _never;
    }
  }
}
