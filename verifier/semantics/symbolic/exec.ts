// The symbolic evaluator of Core expressions: the interpreter's evaluator (../interp.ts)
// with SMT terms for values. Both arms of an `if` run and are joined with ite; a node's
// faults become checks of its obligations (context.ts); numeric meaning comes from ../ops.ts.
import type { CExpr, CoreConst } from '../../../compiler/core/core.ts';
import type { Type } from '../../../compiler/types/types.ts';
import { utf8Length } from '../format.ts';
import { assign, check, fact, fault, fork, isFalse, mergeStates, obligationOf, type Ctx, type State } from './context.ts';
import { I32, I64 } from './domain.ts';
import { evalCall } from './exec-call.ts';
import { evalLoop } from './exec-loop.ts';
import { evalMemory, isMemoryKind } from './exec-memory.ts';
import { evalBuiltin, evalConvert, evalPrim } from './exec-prim.ts';
import { KIND, meta } from './memory.ts';
import { unsupported } from './unsupported.ts';
import { casePayloadTypes, intWidth, mergeSV, references, UNIT, zeroSV, type SV } from './values.ts';

export function boolOf(v: SV): import('../../smt/term.ts').Term {
  if (v.k !== 'bool') return unsupported(`a ${v.k} value used as a condition`);
  return v.t;
}

export function intOf(v: SV): import('../../smt/term.ts').Term {
  if (v.k !== 'int') return unsupported(`a ${v.k} value used as an integer`);
  return v.t;
}

/** The value of an integer as a math integer. */
export function mathOf(cx: Ctx, v: SV, _ty?: Type): import('../../smt/term.ts').Term {
  if (v.k !== 'int') return unsupported(`a ${v.k} value used as an integer`);
  return cx.D.cast(v.t, v.w, 'math');
}

export function constSV(cx: Ctx, v: CoreConst, t: Type): SV {
  const { F } = cx;
  switch (t.kind) {
    case 'int':
    case 'char': {
      const n = v === null ? 0n : typeof v === 'string' ? BigInt(v.codePointAt(0) ?? 0) : typeof v === 'boolean' ? BigInt(v) : BigInt(v);
      const w = intWidth(t)!;
      return { k: 'int', w, t: cx.D.lit(n, w) };
    }
    case 'float':
      return { k: 'float', bits: t.bits, t: cx.Fl.lit(v === null ? 0 : Number(v), t.bits) };
    case 'bool':
      return { k: 'bool', t: F.bool(v === true) };
    case 'string': {
      const s = v === null ? '' : String(v);
      return { k: 'str', len: cx.D.lit(BigInt(utf8Length(s)), I64), lit: s };
    }
    case 'unit':
      return UNIT;
    default:
      return v === null ? zeroSV(F, cx.D, t, cx.prog.types) : unsupported(`constant of type ${t.kind}`);
  }
}

export function evalE(cx: Ctx, st: State, e: CExpr): SV {
  if (isFalse(st.pc)) return zeroSV(cx.F, cx.D, e.ty, cx.prog.types);
  const { F } = cx;
  switch (e.kind) {
    case 'Const':
      return constSV(cx, e.value, e.ty);
    case 'Var': {
      const v = st.env.get(e.name);
      if (v === undefined) throw new Error(`symbolic: unbound variable ${e.name} in ${cx.fn.name}`);
      return v;
    }
    case 'Static': {
      const s = cx.facts.statics.get(e.name);
      if (!s) throw new Error(`symbolic: unknown static ${e.name}`);
      return { k: 'span', block: F.bv(s.id, 32), off: cx.D.lit(0n, I64), len: cx.D.lit(BigInt(s.data.values.length), I64) };
    }
    case 'Let': {
      // evaluate first: an `if` inside replaces st.env by the joined environment
      const v = evalE(cx, st, e.init);
      st.env.set(e.name, v);
      return evalE(cx, st, e.body);
    }
    case 'Assign':
      const v = evalE(cx, st, e.value);
      st.env.set(e.name, v);
      return UNIT;
    case 'Seq': {
      const n = e.items.length;
      for (let i = 0; i < n - 1; i++) evalE(cx, st, e.items[i]!);
      scopeEscape(cx, st, e.items[0]!, e.items[n - 1]!);
      return evalE(cx, st, e.items[n - 1]!);
    }
    case 'If':
      return evalIf(cx, st, boolOf(evalE(cx, st, e.cond)), (s) => evalE(cx, s, e.then), (s) => evalE(cx, s, e.else));
    case 'While':
      evalLoop(cx, st, e);
      return UNIT;
    case 'Prim':
      return evalPrim(cx, st, e);
    case 'Convert':
      return evalConvert(cx, st, e);
    case 'Call':
      return evalCall(cx, st, e);
    case 'Builtin':
      return evalBuiltin(cx, st, e);
    case 'Tuple':
      return { k: 'agg', items: e.items.map((x) => evalE(cx, st, x)) };
    case 'Record':
      return { k: 'agg', items: e.fields.map((x) => evalE(cx, st, x)) };
    case 'TupleGet':
    case 'RecordGet': {
      const v = evalE(cx, st, e.kind === 'TupleGet' ? e.tuple : e.record);
      if (v.k !== 'agg') return unsupported(`projection from a ${v.k}`);
      return v.items[e.index]!;
    }
    case 'MakeCase': {
      const payload = e.payload.map((x) => evalE(cx, st, x));
      const types = casePayloadTypes(cx.prog.types, e.ty);
      return { k: 'case', tag: cx.D.lit(BigInt(e.tag), I32), cases: types.map((p, j) => (j === e.tag ? payload : p.map((t) => zeroSV(F, cx.D, t, cx.prog.types)))) };
    }
    case 'CaseTag': {
      const v = evalE(cx, st, e.value);
      if (v.k !== 'case') return unsupported(`tag of a ${v.k}`);
      const w = intWidth(e.ty) ?? I32;
      return { k: 'int', w, t: cx.D.cast(v.tag, I32, w) };
    }
    case 'CaseField': {
      const v = evalE(cx, st, e.value);
      if (v.k !== 'case') return unsupported(`field of a ${v.k}`);
      return v.cases[e.tag]![e.index]!;
    }
    case 'Assert': {
      const c = boolOf(evalE(cx, st, e.cond));
      fault(cx, st, e, 'assertion', F.not(c), 'Contract.assert does not hold');
      return UNIT;
    }
    case 'Assume':
      fact(cx, st, boolOf(evalE(cx, st, e.cond)));
      return UNIT;
    case 'Fail': {
      const o = e.obs[0];
      if (o) check(cx, st, o, F.true, 'no case of the match applies');
      else fault(cx, st, e, 'match-exhaustive', F.true, 'no case of the match applies');
      st.pc = F.false;
      return zeroSV(F, cx.D, e.ty, cx.prog.types);
    }
    case 'Quant':
      return evalQuant(cx, st, e);
    default:
      if (isMemoryKind(e)) return evalMemory(cx, st, e);
      return unsupported(`Core node ${(e as CExpr).kind}`);
  }
}

/** Runs both arms from copies of `st` (under c and not c) and joins them into `st`. */
export function evalIf(cx: Ctx, st: State, c: import('../../smt/term.ts').Term, thenF: (s: State) => SV, elseF: (s: State) => SV): SV {
  const { F } = cx;
  if (c.kind === 'bool') return c.value ? thenF(st) : elseF(st);
  const P = st.pc;
  const pT = F.and(P, c);
  const pE = F.and(P, F.not(c));
  const a = fork(st, pT);
  const va = thenF(a);
  const b = fork(st, pE);
  const vb = elseF(b);
  const joined = a.pc === pT && b.pc === pE ? P : undefined;
  const m = mergeStates(cx, c, a, b, joined);
  assign(st, m);
  if (isFalse(a.pc)) return vb;
  if (isFalse(b.pc)) return va;
  return mergeSV(F, c, va, vb);
}

/** `forall`/`exists i in a .. b -> body` (a and b inclusive, as math integers). Small
 *  literal ranges are expanded; otherwise an SMT quantifier over an M-bit variable. */
function evalQuant(cx: Ctx, st: State, e: CExpr & { kind: 'Quant' }): SV {
  const { F, D } = cx;
  const lo = mathOf(cx, evalE(cx, st, e.from));
  const hi = mathOf(cx, evalE(cx, st, e.to));
  const all = e.q === 'forall';
  const a = D.litValue(lo, 'math');
  const b = D.litValue(hi, 'math');
  if (a !== null && b !== null && b - a < 64n) {
    const parts = [];
    for (let i = a; i <= b; i++) {
      const sub = fork(st, st.pc);
      sub.env.set(e.var, { k: 'int', w: 'math', t: D.lit(i, 'math') });
      parts.push(boolOf(evalE(cx, sub, e.body)));
    }
    return { k: 'bool', t: all ? F.and(...parts) : F.or(...parts) };
  }
  const i = F.fresh(`q.${e.var}`, D.sort('math'));
  const range = F.and(D.le(lo, i, 'math'), D.le(i, hi, 'math'));
  cx.quants.push({ v: i, range });
  const sub = fork(st, st.pc);
  sub.env.set(e.var, { k: 'int', w: 'math', t: i });
  let body;
  try {
    body = boolOf(evalE(cx, sub, e.body));
  } finally {
    cx.quants.pop();
  }
  return { k: 'bool', t: all ? F.quant('forall', [i], F.implies(range, body)) : F.quant('exists', [i], F.and(range, body)) };
}

/** The end of a `use` scope (`[RegionRelease r; Var v]`): v must not refer to region r. */
function scopeEscape(cx: Ctx, st: State, first: CExpr, last: CExpr): void {
  if (first.kind !== 'RegionRelease' || last.kind !== 'Var' || first.region.kind !== 'Var') return;
  const ob = obligationOf(first, 'region-escape');
  if (!ob || ob.category !== 'region-escape') return;
  const r = st.env.get(first.region.name);
  const v = st.env.get(last.name);
  if (!r || r.k !== 'region' || !v) return;
  const { F } = cx;
  const hits = references(v).map((x) => {
    if (x.k === 'region') return F.eq(x.id, r.id);
    if (x.k === 'ptr' || x.k === 'span') return F.and(F.eq(meta(F, st.mem, 'kind', x.block), F.bv(KIND.region, 8)), F.eq(meta(F, st.mem, 'owner', x.block), r.id));
    return F.false;
  });
  check(cx, st, ob, F.or(...hits), 'the value of a use scope refers to its released region');
}
