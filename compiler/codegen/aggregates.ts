// Tuples, records and unions, flattened (lower-types.ts): building one concatenates the
// components of its parts; reading a field takes a slice of the components. A union is
// its i32 tag and the fields of every case, the inactive cases' fields zero.
import type { CExpr } from '../core/core.ts';
import { showType } from '../types/types.ts';
import { constFloat, constInt, internal, op, type FnState, type Vals } from './emitter.ts';
import { ARENA_USED, STRING, components, fieldStart, unionCases, unionFieldStart, viewType } from './lower-types.ts';
import { zeroGlobal } from './module-state.ts';

type Node<K extends CExpr['kind']> = CExpr & { kind: K };

/** The zero of each MLIR type: 0, 0.0, or for a memref an empty placeholder global. */
export function zeros(f: FnState, types: string[]): Vals {
  return types.map((ty) => {
    if (/^i\d+$/.test(ty) || ty === 'index') return constInt(f, 0, ty);
    if (ty === 'f32' || ty === 'f64') return constFloat(f, 0, ty);
    if (ty === ARENA_USED) return op(f, ty, `memref.get_global ${zeroGlobal(f.mod, ty)} : ${ty}`, 'zero');
    const m = ty === STRING ? ['i8'] : /^memref<\?x([a-z0-9]+), strided/.exec(ty)?.slice(1);
    if (!m || (ty !== STRING && ty !== viewType(m[0]!))) throw new Error(`internal error in compiler/codegen: no zero of ${ty}`);
    const fixed = `memref<0x${m[0]}>`;
    const g = op(f, fixed, `memref.get_global ${zeroGlobal(f.mod, fixed)} : ${fixed}`, 'zero');
    return op(f, ty, `memref.cast ${g.ssa} : ${fixed} to ${ty}`, 'zero');
  });
}

export function genParts(f: FnState, parts: CExpr[]): Vals {
  return parts.flatMap((p) => f.gen(f, p));
}

export function genFieldGet(f: FnState, e: Node<'TupleGet'> | Node<'RecordGet'>): Vals {
  const whole = e.kind === 'TupleGet' ? e.tuple : e.record;
  const vs = f.gen(f, whole);
  const at = fieldStart(f.mod.types, whole.ty, e.index, e.span);
  return vs.slice(at, at + components(f.mod.types, e.ty, e.span).length);
}

export function genMakeCase(f: FnState, e: Node<'MakeCase'>): Vals {
  if (e.ty.kind !== 'union') throw internal(e.span, `MakeCase of type ${showType(e.ty)}`);
  const payload = e.payload.map((p) => f.gen(f, p));
  const out: Vals = [constInt(f, e.tag, 'i32')];
  for (const c of unionCases(f.mod.types, e.ty, e.span)) {
    c.fields.forEach((ft, i) => {
      if (c.tag === e.tag) out.push(...payload[i]!);
      else out.push(...zeros(f, components(f.mod.types, ft, e.span).map((x) => x.mlir)));
    });
  }
  return out;
}

export function genCaseTag(f: FnState, e: Node<'CaseTag'>): Vals {
  const vs = f.gen(f, e.value);
  const tag = vs[0]!;
  const bits = e.ty.kind === 'int' ? e.ty.bits : 32;
  if (bits === 32) return [tag];
  return [op(f, `i${bits}`, `arith.${bits > 32 ? 'extsi' : 'trunci'} ${tag.ssa} : i32 to i${bits}`)];
}

export function genCaseField(f: FnState, e: Node<'CaseField'>): Vals {
  const u = e.value.ty;
  if (u.kind !== 'union') throw internal(e.span, `CaseField of type ${showType(u)}`);
  const vs = f.gen(f, e.value);
  const at = unionFieldStart(f.mod.types, u, e.tag, e.index, e.span);
  return vs.slice(at, at + components(f.mod.types, e.ty, e.span).length);
}
