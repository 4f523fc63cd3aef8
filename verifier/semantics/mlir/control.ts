// The meaning of branch terminators, shared by both drivers: which successor is taken under
// which condition. A branch on poison is undefined behaviour. Successor arguments are the
// driver's business (it evaluates `op.successors[i].args`).
import type { Attr, Operation } from '../../../compiler/mlir/ir.ts';
import { opAttr } from '../../../compiler/mlir/ir.ts';
import type { Ctx } from './context.ts';
import { asInt } from './ops-int.ts';
import { Unsupported, type Val } from './values.ts';

export type Edge<B> = { cond: B; succ: number };

export const BRANCH_OPS = new Set(['cf.br', 'llvm.br', 'cf.cond_br', 'llvm.cond_br', 'cf.switch', 'llvm.switch']);
export const RETURN_OPS = new Set(['func.return', 'llvm.return']);

function denseInts(a: Attr | undefined): bigint[] {
  if (!a) return [];
  if (a.kind === 'denseArray') return a.values.map((v) => BigInt(v as bigint));
  if (a.kind === 'dense' && a.data.kind === 'literal') {
    const v = a.data.value;
    const flat = (x: unknown): bigint[] => (Array.isArray(x) ? x.flatMap(flat) : [BigInt(x as bigint)]);
    return flat(v);
  }
  throw new Unsupported('switch case values in an unsupported form');
}

/** The edges of a branch op, given its own operands (not the successor arguments). */
export function branchEdges<V, B>(ctx: Ctx<V, B>, op: Operation, args: Val<V, B>[]): Edge<B>[] {
  const D = ctx.D;
  switch (op.name) {
    case 'cf.br':
    case 'llvm.br':
      return [{ cond: D.bool(true), succ: 0 }];
    case 'cf.cond_br':
    case 'llvm.cond_br': {
      const c = asInt(args[0], op.name);
      if (ctx.undefIsUnsupported && c.undef) throw new Unsupported(`${op.name} on an llvm.mlir.undef value in the source function`);
      ctx.ub(c.poison, `${op.name} on a poison condition`);
      const t = D.toBool(c.v);
      return [
        { cond: t, succ: 0 },
        { cond: D.notB(t), succ: 1 },
      ];
    }
    case 'cf.switch':
    case 'llvm.switch': {
      const x = asInt(args[0], op.name);
      if (ctx.undefIsUnsupported && x.undef) throw new Unsupported(`${op.name} on an llvm.mlir.undef value in the source function`);
      ctx.ub(x.poison, `${op.name} on a poison value`);
      const cases = denseInts(opAttr(op, 'case_values'));
      if (cases.length + 1 !== op.successors.length) throw new Unsupported(`${op.name} with ${cases.length} cases and ${op.successors.length} successors`);
      return switchEdges(D, x, cases);
    }
  }
  throw new Unsupported(op.name);
}

/** Which region of an scf.index_switch runs: `succ` is the region's number (0 the default,
 *  k + 1 the k-th case, the op's region order). The case equal to the index runs, else the
 *  default; a poison index is UB, as the cf.switch it lowers to (convert-scf-to-cf) is. */
export function indexSwitchEdges<V, B>(ctx: Ctx<V, B>, op: Operation, arg: Val<V, B>): Edge<B>[] {
  const x = asInt(arg, op.name);
  if (ctx.undefIsUnsupported && x.undef) throw new Unsupported(`${op.name} on an llvm.mlir.undef value in the source function`);
  ctx.ub(x.poison, `${op.name} on a poison index`);
  const cases = denseInts(opAttr(op, 'cases'));
  if (cases.length + 1 !== op.regions.length) throw new Unsupported(`${op.name} with ${cases.length} cases and ${op.regions.length} regions`);
  if (op.regions.some((r) => r.blocks.length !== 1)) throw new Unsupported(`${op.name} with a region that is not one block`);
  return switchEdges(ctx.D, x, cases);
}

/** The default edge (0) and one edge per case value (k + 1), x compared at its own width. */
function switchEdges<V, B>(D: Ctx<V, B>['D'], x: { v: V; w: number }, cases: bigint[]): Edge<B>[] {
  // a case value equal to an earlier one (MLIR's verifier allows it; LLVM's rejects it)
  // is never taken: mlir-opt's switch folding takes the first match, as the interpreter
  // does (`edges.find`); overlapping edge conditions let symbolic execution take the later
  const seen = new Set<bigint>();
  const hits = cases.map((c) => {
    const k = BigInt.asUintN(x.w, c);
    if (seen.has(k)) return D.bool(false);
    seen.add(k);
    return D.eq(x.v, D.lit(c, x.w), x.w);
  });
  return [{ cond: D.notB(D.orB(...hits)), succ: 0 }, ...hits.map((h, i) => ({ cond: h, succ: i + 1 }))];
}
