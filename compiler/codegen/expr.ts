// The expression code generator: one Core node -> the MLIR ops that compute it, returning
// the node's value as its flattened components. Dispatches to the file of each construct.
import type { CExpr } from '../core/core.ts';
import { genConvert, genPrim } from './arith.ts';
import { genCaseField, genCaseTag, genFieldGet, genMakeCase, genParts, zeros } from './aggregates.ts';
import { genBuiltin } from './builtins.ts';
import { genIf, genWhile } from './control.ts';
import { constBool, constFloat, constInt, env, internal, opN, names, typesOf, type FnState, type Vals } from './emitter.ts';
import { mlirTypes, scalarType, unsupported } from './lower-types.ts';
import {
  genArenaAlloc,
  genArenaCreate,
  genArenaRemaining,
  genArenaReset,
  genLength,
  genLoad,
  genPtrAdd,
  genRegionAlloc,
  genRegionCopyOut,
  genRegionCreate,
  genRegionRelease,
  genSpanOfPtr,
  genSpanSlice,
  genStackAlloc,
  genStatic,
  genStore,
} from './memory.ts';
import { stringLiteral, trap } from './strings.ts';

function genConst(f: FnState, e: CExpr & { kind: 'Const' }): Vals {
  const v = e.value;
  if (v === null) return [];
  if (typeof v === 'string') return [stringLiteral(f, v)];
  if (typeof v === 'boolean') return [constBool(f, v)];
  const s = scalarType(e.ty);
  if (typeof v === 'bigint' && s && s.startsWith('i')) return [constInt(f, v, s)];
  if (typeof v === 'number' && (s === 'f64' || s === 'f32')) return [constFloat(f, v, s)];
  if (typeof v === 'bigint' && (s === 'f64' || s === 'f32')) return [constFloat(f, Number(v), s)];
  throw internal(e.span, `a constant ${String(v)} of type ${e.ty.kind}`);
}

function genCall(f: FnState, e: CExpr & { kind: 'Call' }): Vals {
  const sym = f.mod.fnSymbols.get(e.fn);
  if (!sym) throw internal(e.span, `a call of the unknown function ${e.fn}`);
  const args = e.args.flatMap((a) => f.gen(f, a));
  const res = mlirTypes(f.mod.types, e.ty, e.span);
  const resText = res.length === 1 ? res[0]! : `(${res.join(', ')})`;
  return opN(f, res, `func.call ${sym}(${names(args)}) : (${typesOf(args)}) -> ${resText}`, 'call');
}

export function gen(f: FnState, e: CExpr): Vals {
  switch (e.kind) {
    case 'Const':
      return genConst(f, e);
    case 'Var':
      return env(f, e.name, e.span);
    case 'Static':
      return genStatic(f, e);
    case 'Let': {
      // (gen may replace f.env: evaluate before looking it up)
      const v = gen(f, e.init);
      f.env.set(e.name, v);
      return gen(f, e.body);
    }
    case 'Assign': {
      const v = gen(f, e.value);
      f.env.set(e.name, v);
      return [];
    }
    case 'Seq': {
      let last: Vals = [];
      for (const it of e.items) last = gen(f, it);
      return last;
    }
    case 'If':
      return genIf(f, e);
    case 'While':
      return genWhile(f, e);
    case 'Prim':
      return genPrim(f, e);
    case 'Convert':
      return genConvert(f, e);
    case 'Call':
      return genCall(f, e);
    case 'Builtin':
      return genBuiltin(f, e);
    case 'Tuple':
      return genParts(f, e.items);
    case 'Record':
      return genParts(f, e.fields);
    case 'TupleGet':
    case 'RecordGet':
      return genFieldGet(f, e);
    case 'MakeCase':
      return genMakeCase(f, e);
    case 'CaseTag':
      return genCaseTag(f, e);
    case 'CaseField':
      return genCaseField(f, e);
    case 'StackAlloc':
      return genStackAlloc(f, e);
    case 'PtrAdd':
      return genPtrAdd(f, e);
    case 'Load':
      return genLoad(f, e);
    case 'Store':
      return genStore(f, e);
    case 'SpanOfPtr':
      return genSpanOfPtr(f, e);
    case 'SpanSlice':
      return genSpanSlice(f, e);
    case 'SpanLength':
    case 'Extent':
      return genLength(f, e);
    case 'ArenaCreate':
      return genArenaCreate(f, e);
    case 'ArenaAlloc':
      return genArenaAlloc(f, e);
    case 'ArenaRemaining':
      return genArenaRemaining(f, e);
    case 'ArenaReset':
      return genArenaReset(f, e);
    case 'RegionCreate':
      return genRegionCreate(f);
    case 'RegionAlloc':
      return genRegionAlloc(f, e);
    case 'RegionRelease':
      return genRegionRelease(f, e);
    case 'RegionCopyOut':
      return genRegionCopyOut(f, e);
    case 'Assert':
    case 'Assume':
      // Contracts are proved, not run: native code has the `--no-checks` semantics.
      return [];
    case 'Fail': {
      const o = e.obs[0];
      trap(f, o?.category ?? 'match-exhaustive', o?.span ?? e.span, 'no case of the match applies');
      return zeros(f, mlirTypes(f.mod.types, e.ty, e.span));
    }
    case 'Quant':
      return unsupported(e.span, `a ${e.q} quantifier outside a contract`);
    default: {
      const _never: never = e;
      return _never;
    }
  }
}
