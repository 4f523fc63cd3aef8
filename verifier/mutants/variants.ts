// Variants of a pass's input that make an operator applicable where the corpus gives it no
// site. core-to-mlir never emits nsw/nuw (Clef's + - * wrap), so a pass pair whose input has
// `nsw` on every add/sub/mul is built by running the real pass on such an input: its output
// then carries flags that a mutant can drop.
import type { Module, Operation } from '../../compiler/mlir/ir.ts';
import { setProp } from './build.ts';
import { overflowFlags } from './ops-integer.ts';

const FLAGGABLE: Record<string, string> = {
  'arith.addi': 'arith.overflow', 'arith.subi': 'arith.overflow', 'arith.muli': 'arith.overflow',
  'llvm.add': 'llvm.overflow', 'llvm.sub': 'llvm.overflow', 'llvm.mul': 'llvm.overflow',
};

export type VariantName = 'overflow-flags';

/** A copy of `m` where every add/sub/mul without flags has `nsw`. */
export function withOverflowFlags(m: Module): Module {
  const copy = structuredClone(m);
  const visit = (o: Operation) => {
    const attr = FLAGGABLE[o.name];
    if (attr && overflowFlags(o) === '') setProp(o, 'overflowFlags', { kind: 'opaque', text: `#${attr}<nsw>` });
    for (const r of o.regions) for (const b of r.blocks) for (const inner of b.ops) visit(inner);
  };
  copy.ops.forEach(visit);
  return copy;
}

export function applyVariant(v: VariantName, m: Module): Module {
  switch (v) {
    case 'overflow-flags':
      return withOverflowFlags(m);
    default: {
      const never: never = v;
      return never;
    }
  }
}
