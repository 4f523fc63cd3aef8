// Attributes that change what a function means, which the semantics does not model (soundness
// reviewer). On arguments and results: llvm.noundef (a poison argument is UB), llvm.noalias
// (aliasing arguments that are written are UB), llvm.nonnull, llvm.align, llvm.dereferenceable,
// llvm.readonly, ... On the function: its memory effects (`memory`, passthrough "readnone"),
// "willreturn", the no-NaNs / no-infs math flags (NaN and inf results become poison).
// Ignored on the target, one hides the target's new UB or poison (a wrong `proved`: a target
// that adds llvm.noundef); ignored on the source or on a callee, one admits counterexamples
// that break it (a wrong `refuted`: two llvm.noalias arguments given the same pointer, a
// callee declared `memory = none` writing memory). A pair whose functions, or whose callees,
// carry one is `unsupported`, naming it (tests/verifier/tv/probe-attributes.test.ts). No
// stage of the corpus pipeline emits any of them. So is a pair calling a function whose two
// declarations differ in their call words, or in the LLVM types they lower to
// (signatureDifference).
import { opAttr, topModule, type Attr, type Operation, type Region, type Type } from '../../compiler/mlir/ir.ts';
import { printAttr, printType } from '../../compiler/mlir/print-type-attr.ts';
import type { FuncInfo, ModuleInfo } from '../semantics/mlir/module-info.ts';
import { sameSlots, slotsOf, slotText, Unsupported } from '../semantics/mlir/values.ts';
import { isRuntimeFn } from '../semantics/mlir/runtime.ts';

/** Function-level properties with a meaning (effects, UB, poison, float semantics). */
const FUNCTION_LEVEL = ['memory', 'will_return', 'unsafe_fp_math', 'no_infs_fp_math', 'no_nans_fp_math', 'approx_func_fp_math', 'no_signed_zeros_fp_math', 'denormal_fp_math', 'denormal_fp_math_f32', 'fp_contract', 'vscale_range'];
/** Passthrough attributes that change neither results, memory nor UB. */
const HARMLESS_PASSTHROUGH = new Set(['noinline', 'nounwind', 'optnone', 'uwtable', 'alwaysinline', 'inlinehint', 'cold', 'hot', 'minsize', 'optsize']);

const passthroughName = (a: Attr): string => (a.kind === 'string' ? a.value : a.kind === 'array' && a.elements[0]?.kind === 'string' ? a.elements[0].value : '?');

/** The first attribute of `f` (its arguments, result, or itself) the semantics does not model. */
export function unmodelledAttribute(f: FuncInfo): string | null {
  for (const which of ['arg_attrs', 'res_attrs'] as const) {
    const a = opAttr(f.op, which);
    if (a?.kind !== 'array') continue;
    for (const [k, d] of a.elements.entries()) {
      if (d.kind === 'dict' && d.entries.length) return `${which === 'arg_attrs' ? `argument ${k}` : 'result'} attribute ${d.entries[0]!.name}`;
    }
  }
  const pass = opAttr(f.op, 'passthrough');
  if (pass?.kind === 'array') {
    const bad = pass.elements.map(passthroughName).find((n) => !HARMLESS_PASSTHROUGH.has(n));
    if (bad) return `passthrough attribute "${bad}"`;
  }
  const fn = FUNCTION_LEVEL.find((n) => opAttr(f.op, n) !== undefined);
  return fn ? `function attribute ${fn}` : null;
}

/** Why the pair (s in si, t in ti) cannot be checked: an unmodelled attribute of s, t or a
 *  function either body calls; null when there is none. */
export function attributeProblem(si: ModuleInfo, ti: ModuleInfo, s: FuncInfo, t: FuncInfo): string | null {
  for (const [side, m] of [['source', si], ['target', ti]] as const) {
    const dl = layoutProblem(m);
    if (dl) return `unsupported: the ${side} module states ${dl}; the semantics lays memory out as x86-64's default data layout (layout.ts)`;
  }
  for (const [side, m, f] of [['source', si, s], ['target', ti, t]] as const) {
    const merged = mergeableCompare(m, f);
    if (merged) return `unsupported: the ${side}'s @${f.name} compares pointers and the module has ${merged}: its address is not significant, so LLVM and the linker may merge it with another constant (equal addresses), which the semantics does not model`;
    const own = unmodelledAttribute(f);
    if (own) return `unsupported: the ${side}'s @${f.name} has the ${own}, which the semantics does not model`;
    const conv = callConvention(f, m);
    if (conv) return `unsupported: the ${side}'s @${f.name} ${conv}, which the semantics does not model`;
    const prog = mustProgressLoop(f.body);
    if (prog) return `unsupported: the ${side}'s @${f.name} has a loop marked mustProgress (${prog}: a loop that never ends without a side effect is UB), which the semantics does not model`;
    for (const name of callees(f.body)) {
      const g = m.funcs.get(name);
      const bad = g && unmodelledAttribute(g);
      if (bad) return `unsupported: the ${side} calls @${name}, which has the ${bad}, which the semantics does not model`;
      // the semantics gives these names their library meaning at every call (a zero fill, the
      // runtime's preconditions as UB, allocation): a body in the module is another function
      // (review 14, L3: a module's own @clef_write made a source UB and any target proved)
      if (g?.body && (isRuntimeFn(name) || name === 'malloc' || name === 'free')) return `unsupported: the ${side} calls @${name}, which the module defines: calls of that name are modelled as the ${name === 'malloc' || name === 'free' ? 'C library' : 'Clef runtime'}'s, not as this body`;
      const other = (side === 'source' ? ti : si).funcs.get(name);
      const sig = g && other && signatureDifference(g, other);
      if (sig) return `unsupported: @${name} is declared differently in the two modules (${side} ${sig})`;
    }
  }
  return null;
}

/** How the signatures of one function in the two modules differ as call words (a memref is
 *  its descriptor's scalars, so convert-func-to-llvm's rewriting is no difference): calls
 *  of a callee share its results by position, so a result read at another width in the
 *  target (i32 in one module, i64 in the other) was `proved`. Null when they correspond
 *  (or a type has no call words: the call itself is then unsupported). */
function signatureDifference(a: FuncInfo, b: FuncInfo): string | null {
  try {
    const words = (ts: FuncInfo['params']) => ts.flatMap(slotsOf);
    if (sameSlots(words(a.params), words(b.params)) && sameSlots(words(a.results), words(b.results))) {
      const [la, lb] = [loweredSignature(a), loweredSignature(b)];
      return la === lb ? null : `${la}, the other ${lb} once lowered to LLVM: the call words agree, but a call at a function type that is not its callee's is UB (LangRef), so one side's calls may be, which the semantics does not model`;
    }
    const show = (f: FuncInfo) => `(${words(f.params).map(slotText).join(', ')}) -> (${words(f.results).map(slotText).join(', ')})`;
    return `${show(a)}, the other ${show(b)}`;
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

/** The LLVM function type of a declaration once convert-func-to-llvm has run, as text: index
 *  is i64, a memref parameter its descriptor's scalars (allocated, aligned, offset, sizes,
 *  strides), a memref result the descriptor struct, several results one struct of them —
 *  the documented mapping, so the pipeline's own declarations agree with their lowering.
 *  Static sizes, element types and layouts of memrefs vanish here, as in the lowering (a
 *  result's static layout is UB at its call site instead: declared-results.ts). Two
 *  declarations of one symbol whose call words agree but whose texts differ (a packed and an
 *  unpacked struct, an address space, a struct for separate scalars, f16 for bf16) are not
 *  one function the semantics can model: review 19 (a packed 33-byte struct result declared
 *  unpacked in the target was `proved`; natively 1111 vs 568832, probe-declared-types). */
function loweredSignature(f: FuncInfo): string {
  const lower = (t: Type): Type => {
    switch (t.kind) {
      case 'index':
        return { kind: 'integer', width: 64, signedness: 'signless' };
      case 'integer':
        return { ...t, signedness: 'signless' };
      case 'memref': {
        const ms = t.memorySpace;
        const space = ms === null ? 0 : ms.kind === 'int' ? Number(ms.value) : null;
        const ptr: Type = space === null ? { kind: 'opaque', text: `ptr in memory space ${printAttr(ms!)}` } : { kind: 'llvm.ptr', addressSpace: space };
        const i64: Type = { kind: 'integer', width: 64, signedness: 'signless' };
        const r = t.shape.length;
        const arr: Type = { kind: 'llvm.array', size: r, element: i64 };
        return { kind: 'llvm.struct', name: null, packed: false, body: [ptr, ptr, i64, ...(r ? [arr, arr] : [])] };
      }
      case 'llvm.struct':
        return Array.isArray(t.body) ? { ...t, body: t.body.map(lower) } : t;
      case 'llvm.array':
        return { ...t, element: lower(t.element) };
      default:
        return t;
    }
  };
  const show = (t: Type) => printType(t, true);
  const params = f.dialect === 'func' ? f.params.flatMap((t) => (t.kind === 'memref' ? ((lower(t) as { body: Type[] }).body.flatMap((x) => (x.kind === 'llvm.array' ? Array<Type>(x.size).fill(x.element) : [x]))) : [lower(t)])) : f.params;
  const results = f.results.map(lower);
  const result = results.length === 0 ? 'void' : results.length === 1 ? show(results[0]!) : show({ kind: 'llvm.struct', name: null, packed: false, body: results });
  return `(${params.map(show).join(', ')}) -> ${result}`;
}

/** A global marked unnamed_addr / local_unnamed_addr in a module whose function `f` compares
 *  pointers (llvm.icmp of !llvm.ptr): such constants may share an address (constmerge at -O2,
 *  the linker's mergeable string sections even at -O0), so `@a == @b` of two such "hi\0"
 *  strings is 1 natively, while the semantics gives every global its own block: a target
 *  returning that comparison was proved equal to `return 0` (probe-unnamed-addr.test.ts).
 *  Null when there is none. */
function mergeableCompare(m: ModuleInfo, f: FuncInfo): string | null {
  const top = topModule(m.module);
  const ops = top ? (top.regions[0]?.blocks[0]?.ops ?? []) : m.module.ops;
  const unnamed = (op: Operation): bigint => {
    const u = opAttr(op, 'unnamed_addr');
    return u === undefined ? 0n : u.kind === 'int' ? u.value : 2n; // 1: local_unnamed_addr, 2: unnamed_addr
  };
  const g = ops.find((op) => op.name === 'llvm.mlir.global' && unnamed(op) !== 0n);
  if (!g || !comparesPointers(f.body)) return null;
  const name = opAttr(g, 'sym_name');
  return `the ${unnamed(g) === 1n ? 'local_unnamed_addr' : 'unnamed_addr'} global @${name?.kind === 'string' ? name.value : '?'}`;
}

/** A calling convention other than C's, or a tail/musttail call in a function that allocates
 *  stack memory (review 14, L4/L5). LangRef: a call whose convention differs from its
 *  callee's is UB (InstCombine makes it `unreachable`: a `fastcc` call of a C function was
 *  proved, native -O2 printed garbage); `tail`/`musttail` "imply that the callee does not
 *  access allocas from the caller" (a `tail` call handed an alloca was proved; native: the
 *  caller's frame is gone at the jump, g read garbage). Neither is in the Clef pipeline. */
function callConvention(f: FuncInfo, m: ModuleInfo): string | null {
  const conv = (op: Operation): string => {
    const c = opAttr(op, 'CConv');
    const r = c?.kind === 'opaque' ? /^#llvm\.cconv<(\w+)>$/.exec(c.text) : null;
    return c === undefined ? 'ccc' : (r?.[1] ?? '?');
  };
  if (f.dialect === 'llvm' && conv(f.op) !== 'ccc') return `has the calling convention ${conv(f.op)}`;
  let allocates = false;
  let tail: string | null = null;
  let bad: string | null = null;
  const go = (reg: Region): void => {
    for (const b of reg.blocks)
      for (const op of b.ops) {
        if (op.name === 'llvm.alloca' || op.name === 'memref.alloca') allocates = true;
        if (op.name === 'llvm.call') {
          const c = opAttr(op, 'callee');
          const g = c?.kind === 'symbolRef' ? m.funcs.get(c.root) : undefined;
          if (conv(op) !== 'ccc') bad ??= `makes a ${conv(op)} call`;
          else if (g?.dialect === 'llvm' && conv(g.op) !== 'ccc') bad ??= `calls @${g.name}, whose calling convention is ${conv(g.op)}`;
          const k = opAttr(op, 'TailCallKind');
          const kind = k?.kind === 'opaque' ? /<(\w+)>/.exec(k.text)?.[1] : undefined;
          if (kind === 'tail' || kind === 'musttail') tail ??= kind;
        }
        op.regions.forEach(go);
      }
  };
  if (f.body) go(f.body);
  if (bad) return bad;
  return tail && allocates ? `makes a ${tail} call and allocates stack memory (the marker says the callee does not access the caller's allocas)` : null;
}

/** The first branch whose `loop_annotation` says mustProgress (review 18): mlir-translate writes
 *  `!llvm.loop.mustprogress`, so the loop must end or make progress (LangRef: otherwise UB) and
 *  clang -O2 deletes a side-effect-free one. The semantics reads a branch without it: a target
 *  marking `for (i = x; i != 0; i += 2)` so was proved equal to the unmarked source; natively,
 *  for odd x, the source hangs and the target returns (probe-loop-annotation.test.ts). */
function mustProgressLoop(r: Region | null): string | null {
  const go = (reg: Region): string | null => {
    for (const b of reg.blocks)
      for (const op of b.ops) {
        const a = opAttr(op, 'loop_annotation');
        if (a?.kind === 'opaque' ? /\bmustProgress\s*=\s*true\b/.test(a.text) : a !== undefined) return op.name;
        for (const inner of op.regions) {
          const hit = go(inner);
          if (hit) return hit;
        }
      }
    return null;
  };
  return r ? go(r) : null;
}

function comparesPointers(r: Region | null): boolean {
  const go = (reg: Region): boolean => reg.blocks.some((b) => b.ops.some((op) => (op.name === 'llvm.icmp' && op.operands[0]?.type.kind === 'llvm.ptr') || op.regions.some(go)));
  return r !== null && go(r);
}

/** The x86-64 data layout (clang 19's), which ../semantics/mlir/layout.ts implements. */
const X86_64_LAYOUT = 'e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128';

/** A module attribute giving another data layout: LLVM lays out structs and getelementptr
 *  offsets by it (a struct<(i32, i64)> field 1 at byte 4 under "i64:32"), so a target storing
 *  at byte 8 was proved equal to the source's field store (opt -O2 then clang: different
 *  bytes). Null when there is none. */
function layoutProblem(m: ModuleInfo): string | null {
  const top = topModule(m.module);
  if (!top) return null;
  const dl = opAttr(top, 'llvm.data_layout');
  if (dl !== undefined && !(dl.kind === 'string' && (dl.value === '' || dl.value === X86_64_LAYOUT))) return `the data layout ${dl.kind === 'string' ? `"${dl.value}"` : 'llvm.data_layout'}`;
  if (opAttr(top, 'dlti.dl_spec') !== undefined) return 'a data layout (dlti.dl_spec)';
  return null;
}

function callees(r: Region | null): Set<string> {
  const out = new Set<string>();
  const go = (reg: Region): void => {
    for (const b of reg.blocks) {
      for (const op of b.ops) {
        const c = op.name === 'func.call' || op.name === 'llvm.call' ? opAttr(op, 'callee') : undefined;
        if (c?.kind === 'symbolRef') out.add(c.root);
        op.regions.forEach(go);
      }
    }
  };
  if (r) go(r);
  return out;
}
