// Operator shapes that many catalogue entries share: rename an op, swap two operands,
// rewrite a comparison predicate. Each returns a complete MutationOperator.
import type { Operation } from '../../compiler/mlir/ir.ts';
import { getAttr } from '../../compiler/mlir/ir.ts';
import { defaultProps, sameValue } from './build.ts';
import { editAt } from './locate.ts';
import type { MutationOperator, SiteContext } from './types.ts';

type Common = Pick<MutationOperator, 'name' | 'family' | 'dialect' | 'description'> & {
  where?: (op: Operation, ctx: SiteContext) => boolean;
};

const always = () => true;

/** `a OP b` becomes `a OP' b` for each pair of the map. `keepProps` false drops the op's
 *  inherent attributes (overflow flags do not exist on every op of a family). */
export function renameOp(spec: Common & { map: Record<string, string>; keepProps?: boolean }): MutationOperator {
  const where = spec.where ?? always;
  return {
    name: spec.name,
    family: spec.family,
    dialect: spec.dialect,
    description: spec.description,
    expect: 'killed',
    applies: (op, ctx) => Object.prototype.hasOwnProperty.call(spec.map, op.name) && where(op, ctx),
    mutate: (m, site) =>
      editAt(m, site, ({ op }) => {
        op.name = spec.map[op.name]!;
        if (spec.keepProps === false) op.properties = [];
        defaultProps(op);
      }),
  };
}

/** `a OP b` becomes `b OP a` (only where `a` and `b` are different values). */
export function swapOperands(spec: Common & { ops: string[]; i?: number; j?: number }): MutationOperator {
  const where = spec.where ?? always;
  const i = spec.i ?? 0;
  const j = spec.j ?? 1;
  return {
    name: spec.name,
    family: spec.family,
    dialect: spec.dialect,
    description: spec.description,
    expect: 'killed',
    applies: (op, ctx) =>
      spec.ops.includes(op.name) && op.operands.length > Math.max(i, j) && !sameValue(op.operands[i]!, op.operands[j]!) && where(op, ctx),
    mutate: (m, site) =>
      editAt(m, site, ({ op }) => {
        const a = op.operands[i]!;
        op.operands[i] = op.operands[j]!;
        op.operands[j] = a;
      }),
  };
}

// Predicate numbers, the same in arith.cmpi and llvm.icmp.
export const PRED = { eq: 0, ne: 1, slt: 2, sle: 3, sgt: 4, sge: 5, ult: 6, ule: 7, ugt: 8, uge: 9 } as const;
export const PRED_NAME = Object.fromEntries(Object.entries(PRED).map(([k, v]) => [v, k])) as Record<number, string>;

export function predicateOf(op: Operation): number | null {
  const a = getAttr(op.properties, 'predicate');
  return a && a.kind === 'int' ? Number(a.value) : null;
}

/** Both directions of each pair: `[[slt, ult]]` maps slt->ult and ult->slt. */
export function symmetric(pairs: [number, number][]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const [a, b] of pairs) {
    out[a] = b;
    out[b] = a;
  }
  return out;
}

export function rewritePredicate(spec: Common & { ops: string[]; map: Record<number, number> }): MutationOperator {
  const where = spec.where ?? always;
  return {
    name: spec.name,
    family: spec.family,
    dialect: spec.dialect,
    description: spec.description,
    expect: 'killed',
    applies: (op, ctx) => {
      if (!spec.ops.includes(op.name)) return false;
      const p = predicateOf(op);
      return p !== null && p in spec.map && where(op, ctx);
    },
    mutate: (m, site) =>
      editAt(m, site, ({ op }) => {
        const k = op.properties.findIndex((x) => x.name === 'predicate');
        const old = op.properties[k]!.value;
        if (old.kind !== 'int') throw new Error('predicate is not an integer attribute');
        op.properties[k] = { name: 'predicate', value: { ...old, value: BigInt(spec.map[Number(old.value)]!) } };
      }),
  };
}
