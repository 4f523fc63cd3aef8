// What the Core -> MLIR check maps today: the first Core construct outside it, by name
// (the verdict is then `unsupported: <construct>`), or null. The body is checked, and the
// parameter and result types (scalars and aggregates of scalars; see slots.ts).
import type { CExpr, CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import { forEachNode } from '../../../compiler/core/walk.ts';
import type { Type, TypeTable } from '../../../compiler/types/types.ts';
import { showType } from '../../../compiler/types/types.ts';
import { casePayloadTypes, recordFields } from '../../semantics/symbolic/values.ts';
import { isRecordElement } from './records.ts';
import { holdsStrings } from './strings.ts';

/** Core nodes whose MLIR counterpart touches the runtime library or arena/region memory. */
const NOT_MAPPED = new Set<CExpr['kind']>([
  // core-memory engineer: arenas (arenas.ts) and regions (regions.ts) are mapped, and
  // Region.copyOut (an allocation of the arena parameter holding the source's cells)
]);

/** Core nodes that read or write memory (mapped by memory.ts). */
const MEMORY = new Set<CExpr['kind']>(['Static', 'StackAlloc', 'PtrAdd', 'Load', 'Store', 'SpanOfPtr', 'SpanSlice', 'SpanLength', 'Extent']);

/** A pointer or span of integers or chars: the memory arguments memory.ts maps. */
export function memoryParam(t: Type): boolean {
  return (t.kind === 'ptr' || t.kind === 'span') && (t.elem.kind === 'int' || t.elem.kind === 'char' || t.elem.kind === 'float' || t.elem.kind === 'bool'); // float, bool: core-memory engineer
}

/** Whether values of `t` are made of integers, bools, chars and floats only — and strings
 *  and Span<string> (the command line) with `strings` (strings.ts maps them). */
export function scalarType(types: TypeTable, t: Type, seen: string[] = [], strings = true): string | null {
  switch (t.kind) {
    case 'string':
      return strings ? null : showType(t);
    case 'span':
      return strings && t.elem.kind === 'string' ? null : showType(t);
    case 'int':
    case 'bool':
    case 'char':
    case 'float':
    case 'unit':
      return null;
    case 'tuple':
    case 'record': {
      if (seen.includes(showType(t))) return showType(t);
      for (const f of recordFields(types, t)) {
        const bad = scalarType(types, f, [...seen, showType(t)], strings);
        if (bad) return bad;
      }
      return null;
    }
    case 'union': {
      if (seen.includes(showType(t))) return showType(t);
      for (const c of casePayloadTypes(types, t)) {
        for (const f of c) {
          const bad = scalarType(types, f, [...seen, showType(t)], strings);
          if (bad) return bad;
        }
      }
      return null;
    }
    default:
      return showType(t);
  }
}

/** The first construct of `fn` the check does not map, in words, or null. */
export function outOfScope(prog: CoreProgram, fn: CoreFn): string | null {
  for (const p of fn.params) {
    if (memoryParam(p.ty)) continue;
    if (p.ty.kind === 'arena') continue; // core-memory engineer: arenas.ts
    if ((p.ty.kind === 'span' || p.ty.kind === 'ptr') && isRecordElement(prog.types, p.ty.elem)) continue; // core-memory: records.ts
    const bad = scalarType(prog.types, p.ty);
    if (bad) return `parameter ${p.name} of type ${bad} (not mapped yet)`;
  }
  const badRet = memoryParam(fn.ret) ? null : scalarType(prog.types, fn.ret); // a span result: results.ts
  if (badRet) return `a result of type ${badRet}`;
  let what: string | null = null;
  forEachNode(fn.body, (e) => {
    if (what) return;
    if (NOT_MAPPED.has(e.kind)) what = `Core ${e.kind} (the copy's contents are not tracked by Core's symbolic semantics)`; // core-memory engineer: only RegionCopyOut is left
    else if (MEMORY.has(e.kind)) {
      if (e.kind === 'StackAlloc' || e.kind === 'Load' || e.kind === 'Store') {
        const t = e.kind === 'StackAlloc' ? e.elem : e.kind === 'Load' ? e.ty : e.value.ty;
        // (a load from a Span<string> is an element of the command line: strings.ts)
        const argv = e.kind === 'Load' && t.kind === 'string' && e.target.ty.kind === 'span';
        if (t.kind !== 'int' && t.kind !== 'char' && t.kind !== 'float' && t.kind !== 'bool' && !isRecordElement(prog.types, t) && !argv) what = `memory holding ${showType(t)} elements`; // float: core-memory engineer
      }
    } else if (e.kind === 'Prim' && ['eq', 'ne', 'lt', 'le', 'gt', 'ge'].includes(e.op) && e.args[0] && e.args[0].ty.kind !== 'string' && holdsStrings(prog.types, e.args[0].ty)) {
      what = `comparing values of type ${showType(e.args[0].ty)} (aggregates holding strings)`;
    }
    // float arithmetic: both sides are SMT FloatingPoint (semantics/symbolic/floats.ts)
    // a quantifier (only in contracts: core-to-mlir rejects one elsewhere) reaches only Core's
    // assumptions and is abstracted there (quantifiers.ts: core-memory engineer)
    else if (e.kind === 'Call') {
      const callee = prog.functions.find((f) => f.name === e.fn);
      if (!callee) what = `a call of the unknown function ${e.fn}`;
      else {
        // a returned span or pointer: calls.ts (span-calls.ts, core-calls engineer)
        // an Arena operand: calls.ts (arena-calls.ts, core-calls engineer)
        const bad = [...callee.params.map((p) => p.ty).filter((t) => t.kind !== 'arena'), callee.ret].filter((t) => !memoryParam(t)).map((t) => scalarType(prog.types, t)).find((x) => x);
        if (bad) what = `a call of ${e.fn}, which takes or returns ${bad}`;
      }
    }
  });
  return what;
}
