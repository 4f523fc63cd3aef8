// The initial contents of statics: Core's values of a static array against the initializer
// of its MLIR global `@static.<name>`. The per-function refinement assumes a static holds
// the same elements on both sides when a function starts; at program start that is this
// comparison, concretely (no solver): element i of the static as the little-endian bytes
// of element i of the global.
import type { CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import { forEachNode } from '../../../compiler/core/walk.ts';
import type { ModuleInfo } from '../../semantics/mlir/module-info.ts';
import type { Counterexample } from '../verdict.ts';

export type StaticProblem = { kind: 'differs'; cex: Counterexample } | { kind: 'unmapped'; what: string };

/** The first static `fn` names whose global starts with other contents, or null. */
export function staticInitProblem(prog: CoreProgram, fn: CoreFn, info: ModuleInfo): StaticProblem | null {
  const names = new Set<string>();
  forEachNode(fn.body, (e) => {
    if (e.kind === 'Static') names.add(e.name);
  });
  for (const s of prog.statics) {
    if (!names.has(s.name)) continue;
    const g = info.globals.get(`static.${s.name}`);
    if (!g) return { kind: 'unmapped', what: `the static ${s.name} (no MLIR global static.${s.name})` };
    if (s.elem.kind !== 'int' && s.elem.kind !== 'char') return { kind: 'unmapped', what: `a static of ${s.elem.kind} elements` };
    const sz = (s.elem.kind === 'int' ? s.elem.bits : 32) / 8;
    if (!g.init) return { kind: 'unmapped', what: `the initializer of @static.${s.name}${g.initProblem ? ` (${g.initProblem})` : ''}` };
    if (g.size !== s.values.length * sz) return differs(s.name, `${s.values.length} elements of ${sz} bytes`, `${g.size} bytes`);
    for (let i = 0; i < s.values.length; i++) {
      const want = BigInt.asUintN(sz * 8, BigInt(s.values[i] as bigint | number));
      let got = 0n;
      for (let k = sz - 1; k >= 0; k--) got = (got << 8n) | BigInt(g.init[i * sz + k]!);
      if (want !== got) return differs(s.name, `element ${i} = ${want}`, `element ${i} = ${got}`);
    }
  }
  return null;
}

function differs(name: string, core: string, mlir: string): StaticProblem {
  return {
    kind: 'differs',
    cex: { inputs: [], memory: [], src: `Core static ${name}: ${core}`, tgt: `MLIR @static.${name} initially: ${mlir}`, difference: `the initial contents of static ${name} differ: Core ${core}, MLIR ${mlir}` },
  };
}
