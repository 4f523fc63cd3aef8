// Counterexample replay: a solver model of a violation query is turned into concrete
// arguments (and the memory they point to) and run in the reference interpreter. Only a run
// that stops with the same category at the same place makes a refutation.
import type { CoreProgram, Obligation } from '../../../compiler/core/core.ts';
import type { Type } from '../../../compiler/types/types.ts';
import type { Term } from '../../smt/term.ts';
import { arraySelect, EvalError, type Model, type ModelValue } from '../../smt/model.ts';
import type { Width } from '../domain.ts';
import { norm } from '../concrete.ts';
import type { ArenaObj, Block, RegionObj } from '../memory.ts';
import { runFunction } from '../run.ts';
import type { Value } from '../values.ts';
import { formatViolation } from '../violation.ts';
import { floatBits, floatOfBits, I32, I64 } from './domain.ts';
import { forEachNode } from '../../../compiler/core/walk.ts';
import { evaluateQ } from './evalq.ts';
import type { Shared, SymResult } from './function.ts';
import { cellsOf, leavesOf, meta } from './memory.ts';
import { casePayloadTypes, intWidth, recordFields, references, type SV } from './values.ts';

/** Largest block or string a replay builds. */
export const MAX_REPLAY = 4096;
/** Evaluation steps a replay may take. */
const MAX_STEPS = 5_000_000;

export type ReplayResult = {
  /** The run stopped with the obligation's category at its place. */
  matches: boolean;
  /** What happened, in words (the violation, or how the run ended). */
  outcome: string;
  /** The arguments, printed. */
  args: string[];
  /** The model's inputs were too large to build (a smaller model may replay). */
  tooLarge?: boolean;
};

class ReplayError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

function num(v: ModelValue): bigint {
  if (typeof v !== 'bigint') throw new ReplayError('model value is not a number');
  return v;
}

function small(v: bigint, what: string): number {
  if (v < 0n) throw new ReplayError(`${what} ${v} is negative`);
  if (v > BigInt(MAX_REPLAY)) throw new ReplayError(`${what} ${v} is too large to replay`, true);
  return Number(v);
}

/** Inputs small enough to replay: every argument block and string at most `n` long. */
export function smallInputs(sh: Shared, res: SymResult, n = 64): Term {
  const { F, D } = sh;
  const limit = D.lit(BigInt(n), I64);
  const parts: Term[] = [];
  const walkSV = (v: SV): void => {
    if (v.k === 'str') parts.push(D.le(v.len, limit, I64));
    if (v.k === 'agg') v.items.forEach(walkSV);
    if (v.k === 'case') v.cases.forEach((p) => p.forEach(walkSV));
  };
  for (const p of res.params) {
    walkSV(p.value);
    for (const r of references(p.value)) {
      if (r.k === 'ptr' || r.k === 'span') parts.push(D.le(meta(F, res.initialMemory, 'size', r.block), limit, I64));
    }
  }
  return F.and(...parts);
}

/** Concrete argument values for a model. */
export function concreteArgs(sh: Shared, res: SymResult, model: Model): Value[] {
  const { F, D, prog } = sh;
  const types = prog.types;
  const memo = new Map<number, ModelValue>();
  const ev = (t: Term): ModelValue => evaluateQ(t, model, memo);
  const intOf = (v: ModelValue, w: Width): bigint => {
    const n = num(v);
    if (w === 'math') return D.repr === 'bv' ? BigInt.asIntN(sh.mathBits, n) : n;
    return norm(n, w);
  };
  const int = (t: Term, w: Width): bigint => intOf(ev(t), w);
  const m0 = res.initialMemory;
  const arenas = new Map<bigint, ArenaObj>();
  const regions = new Map<bigint, RegionObj>();
  const blocks = new Map<bigint, Block>();
  const arenaFor = (id: bigint): ArenaObj => {
    let a = arenas.get(id);
    if (!a) {
      const i = F.bv(id, 32);
      a = {
        kind: 'arena',
        id: Number(id),
        capacity: Number(int(meta(F, m0, 'acap', i), I64)),
        used: Number(int(meta(F, m0, 'aused', i), I64)),
        epoch: Number(int(meta(F, m0, 'aepoch', i), I64)),
        alive: true,
        depth: 0,
      };
      arenas.set(id, a);
    }
    return a;
  };
  const regionFor = (id: bigint): RegionObj => {
    let r = regions.get(id);
    if (!r) {
      r = { kind: 'region', id: Number(id), alive: ev(meta(F, m0, 'released', F.bv(id, 32))) !== true, depth: 0 };
      regions.set(id, r);
    }
    return r;
  };
  /** A value of type `t` from its memory leaves, in order. */
  const fromLeaves = (t: Type, next: () => ModelValue): Value => {
    switch (t.kind) {
      case 'int':
      case 'char':
        return intOf(next(), intWidth(t)!);
      case 'bool':
        return next() === true;
      case 'float':
        return floatOfBits(num(next()), t.bits);
      case 'string':
        return 'x'.repeat(small(intOf(next(), I64), 'string length'));
      case 'unit':
        return null;
      case 'tuple':
      case 'record':
        return recordFields(types, t).map((f) => fromLeaves(f, next));
      case 'union': {
        const tag = Number(intOf(next(), I32));
        const cs = casePayloadTypes(types, t);
        const all = cs.map((p) => p.map((f) => fromLeaves(f, next)));
        if (!all[tag]) throw new ReplayError(`union tag ${tag} names no case`);
        return { kind: 'case', tag, payload: all[tag]! };
      }
      default:
        throw new ReplayError(`memory holding ${t.kind} values`);
    }
  };
  const blockFor = (id: bigint, elem: Type): Block => {
    const hit = blocks.get(id);
    if (hit) return hit;
    const i = F.bv(id, 32);
    const size = small(int(meta(F, m0, 'size', i), I64), 'block size');
    const kind = Number(num(ev(meta(F, m0, 'kind', i))));
    const b: Block = { id: Number(id), kind: kind === 2 ? 'arena' : kind === 3 ? 'region' : 'static', elem, size, cells: new Map(), alive: true, depth: 0, arena: null, epoch: 0, region: null };
    blocks.set(id, b);
    if (kind === 2) {
      b.arena = arenaFor(num(ev(meta(F, m0, 'owner', i))));
      b.epoch = Number(int(meta(F, m0, 'bepoch', i), I64));
    } else if (kind === 3) b.region = regionFor(num(ev(meta(F, m0, 'owner', i))));
    const arrays = leavesOf(types, D, elem).map((l) => ev(F.select(cellsOf(m0, l.key), i)));
    for (let k = 0; k < size; k++) {
      let j = 0;
      const idx = D.repr === 'int' ? BigInt(k) : BigInt(k);
      const next = (): ModelValue => {
        const a = arrays[j++]!;
        if (typeof a !== 'object') throw new ReplayError('memory contents are not an array');
        return arraySelect(a, idx);
      };
      b.cells.set(k, fromLeaves(elem, next));
    }
    return b;
  };
  const toValue = (v: SV, t: Type): Value => {
    switch (v.k) {
      case 'int':
        return int(v.t, v.w);
      case 'bool':
        return ev(v.t) === true;
      case 'float':
        return floatOfBits(num(ev(v.t)), v.bits);
      case 'str':
        return v.lit ?? 'x'.repeat(small(int(v.len, I64), 'string length'));
      case 'unit':
        return null;
      case 'agg': {
        const fs = recordFields(types, t);
        return v.items.map((x, i) => toValue(x, fs[i]!));
      }
      case 'case': {
        const tag = Number(int(v.tag, I32));
        const cs = casePayloadTypes(types, t);
        const payload = v.cases[tag];
        if (!payload) throw new ReplayError(`union tag ${tag} names no case`);
        return { kind: 'case', tag, payload: payload.map((x, i) => toValue(x, cs[tag]![i]!)) };
      }
      case 'ptr':
      case 'span': {
        if (t.kind !== 'ptr' && t.kind !== 'span') throw new ReplayError('reference of a non-reference type');
        const block = blockFor(num(ev(v.block)), t.elem);
        const offset = Number(int(v.off, I64));
        if (v.k === 'ptr') return { kind: 'ptr', block, offset };
        return { kind: 'span', block, offset, length: small(int(v.len, I64), 'span length') };
      }
      case 'arena':
        return arenaFor(num(ev(v.id)));
      case 'region':
        return regionFor(num(ev(v.id)));
    }
  };
  return res.params.map((p) => toValue(p.value, p.ty));
}

export function showValue(v: Value): string {
  if (v === null) return '()';
  // (String(-0) is "0": a counterexample's input -0.0 read back as +0.0 need not replay)
  if (typeof v === 'number' && Object.is(v, -0)) return '-0';
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '...' : v);
  if (Array.isArray(v)) return `(${v.map(showValue).join(', ')})`;
  switch (v.kind) {
    case 'case':
      return v.payload.length ? `#${v.tag}(${v.payload.map(showValue).join(', ')})` : `#${v.tag}`;
    case 'ptr':
      return `ptr(+${v.offset} in a block of ${v.block.size})`;
    case 'span': {
      const items: string[] = [];
      for (let i = 0; i < Math.min(v.length, 16); i++) items.push(showValue(v.block.cells.get(v.offset + i) ?? null));
      return `[${items.join('; ')}${v.length > 16 ? '; ...' : ''}]${v.offset || v.length !== v.block.size ? ` (at ${v.offset} in a block of ${v.block.size})` : ''}`;
    }
    case 'arena':
      return `arena(capacity ${v.capacity}, used ${v.used})`;
    case 'region':
      return `region(${v.alive ? 'live' : 'released'})`;
  }
}

/** Floats are not modelled (domain.ts), so a model's float arguments are arbitrary bits.
 *  Variants of the model that give float arguments interesting values instead — the
 *  program's own float literals, their negations, 0, +-1, infinities, NaN — one argument at a
 *  time and all at once; a refutation still has to replay. */
export function floatVariants(sh: Shared, res: SymResult, model: Model, max = 48): Model[] {
  const vars: { name: string; bits: 32 | 64 }[] = [];
  const walkSV = (v: SV): void => {
    if (v.k === 'float' && v.t.kind === 'var') vars.push({ name: v.t.name, bits: v.bits });
    if (v.k === 'agg') v.items.forEach(walkSV);
    if (v.k === 'case') v.cases.forEach((p) => p.forEach(walkSV));
  };
  for (const p of res.params) walkSV(p.value);
  if (!vars.length) return [];
  const lits = new Set<number>([0, -0, 1, -1, 0.5, -0.5, 2, Infinity, -Infinity, NaN]);
  for (const f of sh.prog.functions) {
    for (const r of [f.body, ...f.requires, ...f.ensures]) {
      forEachNode(r, (e) => {
        if (e.kind === 'Const' && typeof e.value === 'number') {
          lits.add(e.value);
          lits.add(-e.value);
        }
      });
    }
  }
  const values = [...lits];
  const out: Model[] = [];
  for (const x of values) {
    const all = new Map(model);
    for (const v of vars) all.set(v.name, floatBits(x, v.bits));
    out.push(all);
    if (vars.length > 1) {
      for (const v of vars) {
        const one = new Map(model);
        one.set(v.name, floatBits(x, v.bits));
        out.push(one);
      }
    }
    if (out.length >= max) break;
  }
  return out.slice(0, max);
}

/** Runs the function on the model's arguments and compares the stop with the obligation. */
export function replay(sh: Shared, res: SymResult, model: Model, ob: Obligation): ReplayResult {
  let args: Value[];
  try {
    args = concreteArgs(sh, res, model);
  } catch (e) {
    if (e instanceof ReplayError) return { matches: false, outcome: `no replay: ${e.message}`, args: [], tooLarge: e.tooLarge };
    if (e instanceof EvalError) return { matches: false, outcome: `no replay: ${e.message}`, args: [] };
    throw e;
  }
  const shown = res.params.map((p, i) => `${p.name} = ${showValue(args[i]!)}`);
  const r = runFunction(sh.prog as CoreProgram, res.fn, args, { checks: true, stdin: '', write: () => {}, maxSteps: MAX_STEPS });
  if (!('violation' in r)) return { matches: false, outcome: 'the run returned normally', args: shown };
  const v = r.violation;
  const matches = v.category === ob.category && v.span.line === ob.span.line && v.span.col === ob.span.col;
  return { matches, outcome: formatViolation(v), args: shown };
}
