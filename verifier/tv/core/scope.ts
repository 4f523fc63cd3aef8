// What the Core -> MLIR check maps today: the first Core construct outside it, by name
// (the verdict is then `unsupported: <construct>`), or null. The body is checked, and the
// parameter and result types (scalars and aggregates of scalars; see slots.ts).
import type { CExpr, CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import { forEachNode } from '../../../compiler/core/walk.ts';
import type { Type, TypeTable } from '../../../compiler/types/types.ts';
import { showType } from '../../../compiler/types/types.ts';
import { casePayloadTypes, recordFields } from '../../semantics/symbolic/values.ts';

/** Core nodes whose MLIR counterpart touches memory or the runtime library. */
const MEMORY_OR_RUNTIME = new Set<CExpr['kind']>([
  'Static', 'Builtin', 'StackAlloc', 'PtrAdd', 'Load', 'Store', 'SpanOfPtr', 'SpanSlice', 'SpanLength', 'Extent',
  'ArenaCreate', 'ArenaAlloc', 'ArenaRemaining', 'ArenaReset', 'RegionCreate', 'RegionAlloc', 'RegionRelease', 'RegionCopyOut',
]);

/** Whether values of `t` are made of integers, bools, chars and floats only. */
export function scalarType(types: TypeTable, t: Type, seen: string[] = []): string | null {
  switch (t.kind) {
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
        const bad = scalarType(types, f, [...seen, showType(t)]);
        if (bad) return bad;
      }
      return null;
    }
    case 'union': {
      if (seen.includes(showType(t))) return showType(t);
      for (const c of casePayloadTypes(types, t)) {
        for (const f of c) {
          const bad = scalarType(types, f, [...seen, showType(t)]);
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
    const bad = scalarType(prog.types, p.ty);
    if (bad) return `parameter ${p.name} of type ${bad} (memory arguments are not mapped yet)`;
  }
  const badRet = scalarType(prog.types, fn.ret);
  if (badRet) return `a result of type ${badRet}`;
  let what: string | null = null;
  forEachNode(fn.body, (e) => {
    if (what) return;
    if (MEMORY_OR_RUNTIME.has(e.kind)) what = `Core ${e.kind} (memory and the runtime library are not mapped yet)`;
    else if (e.kind === 'Prim' && (e.op === 'strcat' || e.op === 'strlen')) what = `string operation ${e.op}`;
    else if (e.kind === 'Const' && typeof e.value === 'string') what = 'a string constant';
    else if (e.kind === 'Quant') what = 'a quantifier in a body';
    else if (e.kind === 'Call') {
      const callee = prog.functions.find((f) => f.name === e.fn);
      if (!callee) what = `a call of the unknown function ${e.fn}`;
      else {
        const bad = [...callee.params.map((p) => p.ty), callee.ret].map((t) => scalarType(prog.types, t)).find((x) => x);
        if (bad) what = `a call of ${e.fn}, which takes or returns ${bad}`;
      }
    }
  });
  return what;
}
