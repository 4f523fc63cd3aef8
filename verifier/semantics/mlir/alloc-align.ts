// The alignment the start of the block an allocation op creates is guaranteed (Memory.alloc's
// `align`; an access asking more is UB). One definition for the op semantics and for the
// cut-point summaries of the blocks a loop's earlier iterations allocated (symexec.ts).
import type { Operation, Type } from '../../../compiler/mlir/ir.ts';
import { opAttr } from '../../../compiler/mlir/ir.ts';
import { implicitAllocaAlign, layoutOf } from './layout.ts';

/** An op's `alignment` attribute (positive), if it has one. */
function attrAlign(op: Operation): number | undefined {
  const a = opAttr(op, 'alignment');
  return a && a.kind === 'int' && a.value > 0n ? Number(a.value) : undefined;
}

/** llvm.alloca of `elem`: its `alignment`, else the one mlir-translate writes (the type's
 *  preferred alignment: layout.ts implicitAllocaAlign; a struct's is 8, not its ABI's). */
export function llvmAllocaAlign(op: Operation, elem: Type): number {
  return attrAlign(op) ?? implicitAllocaAlign(op, elem);
}

/** memref.alloc/alloca of `elem` as the LLVM lowering places it: malloc's 16 (x86-64 glibc)
 *  for the heap, raised by an `alignment`; for the stack an llvm.alloca with the op's
 *  `alignment`, else none (mlir-translate then writes the element's preferred alignment). */
export function memrefAllocAlign(kind: 'heap' | 'stack', op: Operation, elem: Type): number {
  if (kind === 'stack') return attrAlign(op) ?? implicitAllocaAlign(op, elem);
  return Math.max(16, layoutOf(elem).align, attrAlign(op) ?? 1);
}

/** glibc's malloc on x86-64 returns 16-aligned memory. */
export const MALLOC_ALIGN = 16;

/** The start alignment of the block `op` allocates; undefined for an op that allocates none
 *  here (an uninterpreted call's block is external: its start any). */
export function allocAlign(op: Operation): number | undefined {
  switch (op.name) {
    case 'llvm.alloca': {
      const elem = opAttr(op, 'elem_type');
      return elem && elem.kind === 'type' ? llvmAllocaAlign(op, elem.type) : undefined;
    }
    case 'memref.alloc':
    case 'memref.alloca': {
      const t = op.results[0]?.type;
      return t && t.kind === 'memref' ? memrefAllocAlign(op.name === 'memref.alloc' ? 'heap' : 'stack', op, t.element) : undefined;
    }
    case 'llvm.call': {
      const callee = opAttr(op, 'callee');
      return callee && callee.kind === 'symbolRef' && callee.root === 'malloc' ? MALLOC_ALIGN : undefined;
    }
    default:
      return undefined;
  }
}
