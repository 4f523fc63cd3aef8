// A module cut down to one function: every other function keeps its signature but loses its
// body (as a declaration it is called, not inlined), so validating a mutant costs one
// function's proof, not the whole module's. The same cut is applied to both sides of a pair.
import type { Module, Operation } from '../../compiler/mlir/ir.ts';
import { isFunction, symbolName } from './locate.ts';
import { setProp } from './build.ts';

function declaration(fn: Operation): Operation {
  const d: Operation = { ...fn, properties: [...fn.properties], regions: [{ blocks: [] }] };
  // a func.func without a body must not be public; llvm.func has no such rule
  if (fn.name === 'func.func') setProp(d, 'sym_visibility', { kind: 'string', value: 'private' });
  return d;
}

export function focusModule(m: Module, keep: string): Module {
  const cut = (ops: Operation[]): Operation[] =>
    ops.map((o) => {
      if (o.name === 'builtin.module') {
        return { ...o, regions: o.regions.map((r) => ({ blocks: r.blocks.map((b) => ({ ...b, ops: cut(b.ops) })) })) };
      }
      return isFunction(o) && symbolName(o) !== keep ? declaration(o) : o;
    });
  return { ...m, ops: cut(m.ops) };
}
