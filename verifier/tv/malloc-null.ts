// malloc failing (soundness reviewer). LLVM's malloc may return null (LangRef gives the
// C library's meaning; Alive2 issue 777 notes a validator that ignores it must map
// allocations between the sides). The semantics here (semantics/mlir/ops.ts llvmLibCall)
// makes every malloc succeed — sound for the Clef pipeline only under its reading of an
// allocation: a Clef allocation (Core, memref.alloc) that fails has undefined behaviour
// (finalize-memref-to-llvm calls the C library's @malloc and never checks it; the runtime's
// own calloc/realloc abort on failure, runtime/clef_rt.c), so nothing a program does after
// a failed allocation is promised. That reading is wrong for a function that itself tells a
// null malloc result from a real one: its failure path is defined behaviour the target must
// keep (a target that drops the source's null check and stores through the result was
// `proved`), and a target that tests the result may act differently where the source has
// no UB yet. So a pair where either side compares a value derived from a malloc result
// (llvm.icmp / arith.cmpi; through getelementptr, casts, arithmetic, selects and block
// arguments, not through memory) is `unsupported`. No stage of the corpus pipeline does.
import type { Operation, Region, Value } from '../../compiler/mlir/ir.ts';
import type { FuncInfo } from '../semantics/mlir/module-info.ts';

const COMPARES = new Set(['llvm.icmp', 'arith.cmpi']);
/** Ops whose results are not computed from their pointer operands' values. */
const MEMORY_OR_CALL = /load|store|call|alloca|atomic|cmpxchg|memcpy|memset|memmove/;
const key = (v: Value) => (v.index === null ? v.name : `${v.name}#${v.index}`);

/** The first compare in `f` of a value derived from a malloc result, as text; or null. */
export function mallocNullTest(f: FuncInfo): string | null {
  if (!f.body) return null;
  const ops: Operation[] = [];
  const blockArgs = new Map<string, Value[]>();
  const walk = (r: Region) => {
    for (const b of r.blocks) {
      if (b.label !== null) blockArgs.set(b.label, b.args);
      for (const op of b.ops) {
        ops.push(op);
        op.regions.forEach(walk);
      }
    }
  };
  walk(f.body);
  const tainted = new Set<string>();
  const isMalloc = (op: Operation) => {
    const c = op.properties.find((p) => p.name === 'callee')?.value ?? op.attributes.find((p) => p.name === 'callee')?.value;
    return op.name === 'llvm.call' && c?.kind === 'symbolRef' && c.root === 'malloc';
  };
  for (let changed = true; changed; ) {
    changed = false;
    const mark = (v: Value) => {
      if (!tainted.has(key(v))) {
        tainted.add(key(v));
        changed = true;
      }
    };
    for (const op of ops) {
      if (isMalloc(op)) op.results.forEach(mark);
      // a value computed from a malloc result (a value loaded through it is the memory's, and
      // memory and callees are not followed); of a memref descriptor holding one, only its pointers
      // (its sizes and strides are no test of the pointer)
      else if (op.name === 'llvm.extractvalue') {
        if (tainted.has(key(op.operands[0]!))) op.results.filter((r) => r.type.kind === 'llvm.ptr').forEach(mark);
      } else if (!MEMORY_OR_CALL.test(op.name) && !COMPARES.has(op.name) && op.operands.some((v) => tainted.has(key(v)))) op.results.forEach(mark);
      for (const s of op.successors) {
        const params = blockArgs.get(s.label) ?? [];
        s.args.forEach((a, i) => {
          if (tainted.has(key(a)) && params[i]) mark(params[i]!);
        });
      }
    }
  }
  const cmp = ops.find((op) => COMPARES.has(op.name) && op.operands.some((v) => tainted.has(key(v))));
  return cmp ? `${cmp.name} of %${cmp.operands.map(key).find((k) => tainted.has(k))}, a value derived from a malloc result` : null;
}

/** Why a pair cannot be checked under the allocation-never-fails reading, or null. */
export function mallocNullProblem(s: FuncInfo, t: FuncInfo): string | null {
  for (const [side, f] of [['source', s], ['target', t]] as const) {
    const m = mallocNullTest(f);
    if (m) return `unsupported: the ${side}'s @${f.name} tests a malloc result (${m}); the semantics makes every malloc succeed (a failing allocation is undefined behaviour in Clef's reading), which is no reading of a function that checks for failure`;
  }
  return null;
}
