// Pointers punned through memory. A stored pointer is the 8 bytes
// of its integer address b * 2^32 + o (semantics/mlir/memory.ts ptrToAddr), so a function that
// stores a pointer and loads those bytes back as an integer sees the one fixed address the
// encoding gives a block — `load i64 (store p) & 0xffffffff` was proved equal to 0 — and one
// that stores an integer and loads it back as a pointer makes a pointer into whatever block
// the encoding names (inttoptr through memory). llvm.ptrtoint and llvm.inttoptr are already
// `unsupported` where they would do that (memory.ts ADDRESS_UNMODELLED); this is their
// counterpart through memory, decided on the text: a side with a store of a value holding a
// pointer and a load of a value holding a non-pointer (or the other way round) from memory
// the store may write is `unsupported`, named. "May write" follows each address back through
// getelementptr and casts to the op that made the block (alloca, malloc, addressof, alloc,
// get_global): two different such ops never alias (nor two globals), an argument may point to
// a global or its own block but not into a block made here, a pointer loaded or returned by a
// call may point anywhere but into a block made here that does not escape (escape.ts);
// anything else (a block argument, a select) may alias anything. A memcpy/memmove/
// memref.copy moves what its source may hold into its destination. No function at any stage of
// the corpus pipeline stores or loads a pointer (so the corpus loses nothing).
// Tests: tests/verifier/tv/probe-pointer-puns.test.ts.
import { opAttr, type Operation, type Region, type Type, type Value } from '../../compiler/mlir/ir.ts';
import type { FuncInfo } from '../semantics/mlir/module-info.ts';
import { ADDRESS_UNMODELLED } from '../semantics/mlir/memory.ts';
import { escapingSites } from '../semantics/mlir/escape.ts';

const key = (v: Value) => (v.index === null ? v.name : `${v.name}#${v.index}`);

/** Ops whose pointer or memref result is into the block of their first operand. */
const SAME_BLOCK = new Set(['llvm.getelementptr', 'llvm.bitcast', 'llvm.addrspacecast', 'memref.cast', 'memref.reinterpret_cast', 'memref.subview', 'memref.view', 'memref.collapse_shape', 'memref.expand_shape', 'memref.transpose']);
/** Ops that make a block of their own. */
const MAKES_BLOCK = new Set(['llvm.alloca', 'llvm.mlir.addressof', 'memref.alloc', 'memref.alloca', 'memref.get_global']);
const COPIES = new Set(['llvm.intr.memcpy', 'llvm.intr.memmove', 'llvm.intr.memcpy.inline', 'memref.copy']);

/** What a value of this type holds: pointers, other scalars (integers, floats), or both. */
function holds(t: Type): { ptr: boolean; other: boolean } {
  switch (t.kind) {
    case 'llvm.ptr':
      return { ptr: true, other: false };
    case 'llvm.struct': {
      const parts = (t.body as Type[]).map(holds);
      return { ptr: parts.some((p) => p.ptr), other: parts.some((p) => p.other) };
    }
    case 'llvm.array':
    case 'vector':
      return holds(t.element);
    default:
      return { ptr: false, other: true };
  }
}

/** A block root: a block this function makes (`new:` the result's name), a global (`@name`),
 *  'outside' (from an argument: a block that existed before the call, a global or an
 *  argument block, never one made here), 'escaped' (a pointer loaded from memory or returned
 *  by a call: an outside block or one made here that escapes, escape.ts), or '*' (may be any
 *  block). */
type Roots = Set<string>;
const ANY = '*';
const OUTSIDE = 'outside';
const ESCAPED = 'escaped';

/** The first load in `f` that may read back bytes of the other kind (a pointer's as an
 *  integer, an integer's as a pointer), as text; or null. */
export function pointerPun(f: FuncInfo): string | null {
  if (!f.body) return null;
  // once per function body: the answer reads the body only (parsed MLIR is never mutated), and
  // each stage's functions are scanned as the target of one pass and the source of the next
  let hit = punCache.get(f.body);
  if (hit === undefined) punCache.set(f.body, (hit = scan(f.body)));
  return hit;
}
const punCache = new WeakMap<Region, string | null>();

function scan(body: Region): string | null {
  const ops: Operation[] = [];
  const walk = (r: Region) => {
    for (const b of r.blocks) for (const op of b.ops) {
      ops.push(op);
      op.regions.forEach(walk);
    }
  };
  walk(body);
  const def = new Map<string, Operation>();
  for (const op of ops) for (const r of op.results) def.set(key(r), op);
  const isMalloc = (op: Operation) => {
    const c = op.properties.find((p) => p.name === 'callee')?.value ?? op.attributes.find((p) => p.name === 'callee')?.value;
    return op.name === 'llvm.call' && c?.kind === 'symbolRef' && (c.root === 'malloc' || c.root === 'calloc');
  };
  const params = new Set((body.blocks[0]?.args ?? []).map(key));
  // computed at the first comparison of roots: most functions store no pointer and return
  // before (the escape analysis was run on every function of every pass)
  let escapingMemo: Set<string> | null = null;
  const escaping = { has: (x: string) => (escapingMemo ??= new Set([...escapingSites(body)].flatMap((op) => op.results.map((r) => `new:${key(r)}`)))).has(x) };
  const meets = (x: string, y: string): boolean => {
    if (x === ANY || y === ANY || x === y) return true;
    const one = (a: string, b: string) =>
      (a === OUTSIDE && b.startsWith('@')) || (a === ESCAPED && (b === OUTSIDE || b.startsWith('@') || escaping.has(b)));
    return one(x, y) || one(y, x);
  };
  const overlap = (a: Roots, b: Roots) => [...a].some((x) => [...b].some((y) => meets(x, y)));
  const roots = (v: Value, depth = 0): Roots => {
    const op = def.get(key(v));
    if (!op) return new Set([params.has(key(v)) ? OUTSIDE : ANY]);
    if (depth > 64) return new Set([ANY]);
    if (SAME_BLOCK.has(op.name) && op.operands[0]) return roots(op.operands[0], depth + 1);
    if (op.name === 'llvm.mlir.addressof' || op.name === 'memref.get_global') {
      const g = opAttr(op, op.name === 'llvm.mlir.addressof' ? 'global_name' : 'name');
      return new Set([g?.kind === 'symbolRef' ? `@${g.root}` : ANY]);
    }
    if (MAKES_BLOCK.has(op.name) || isMalloc(op)) return new Set([`new:${key(v)}`]);
    if (op.name === 'llvm.load' || op.name === 'memref.load' || op.name === 'llvm.call' || op.name === 'func.call') return new Set([ESCAPED]);
    return new Set([ANY]);
  };
  // memory access: [address, value type, is store]
  const access = (op: Operation): { addr: Value; t: Type; store: boolean } | null => {
    if (op.name === 'llvm.load' && op.operands[0] && op.results[0]) return { addr: op.operands[0], t: op.results[0].type, store: false };
    if (op.name === 'llvm.store' && op.operands.length >= 2) return { addr: op.operands[1]!, t: op.operands[0]!.type, store: true };
    if (op.name === 'memref.load' && op.operands[0] && op.results[0]) return { addr: op.operands[0], t: op.results[0].type, store: false };
    if (op.name === 'memref.store' && op.operands.length >= 2) return { addr: op.operands[1]!, t: op.operands[0]!.type, store: true };
    return null;
  };
  // the blocks that may hold a pointer's bytes, and those that may hold other bytes written
  // here (a block's initial bytes and what a call writes are unknowns: any address, no pun)
  const ptrIn: Roots = new Set();
  const otherIn: Roots = new Set();
  for (const op of ops) {
    const a = access(op);
    if (!a || !a.store) continue;
    const h = holds(a.t);
    const r = roots(a.addr);
    if (h.ptr) r.forEach((x) => ptrIn.add(x));
    if (h.other) r.forEach((x) => otherIn.add(x));
  }
  if (ptrIn.size === 0) {
    // without a pointer store, only an integer read as a pointer can pun
    if (!ops.some((op) => { const a = access(op); return a !== null && !a.store && holds(a.t).ptr; })) return null;
  }
  // copies move what their source may hold (memcpy: dst, src; memref.copy: src, dst)
  for (let changed = true; changed; ) {
    changed = false;
    for (const op of ops) {
      if (!COPIES.has(op.name) || op.operands.length < 2) continue;
      const [src, dst] = op.name === 'memref.copy' ? [op.operands[0]!, op.operands[1]!] : [op.operands[1]!, op.operands[0]!];
      const rs = roots(src);
      for (const [set, from] of [[ptrIn, rs], [otherIn, rs]] as const) {
        if (!overlap(set, from)) continue;
        for (const x of roots(dst)) if (!set.has(x)) (set.add(x), (changed = true));
      }
    }
  }
  for (const op of ops) {
    const a = access(op);
    if (!a || a.store) continue;
    const h = holds(a.t);
    const r = roots(a.addr);
    if (h.other && overlap(r, ptrIn)) return `${op.name} of %${key(op.results[0]!)} may read a stored pointer's bytes as ${h.ptr ? 'a non-pointer field' : 'an integer or float'}`;
    if (h.ptr && overlap(r, otherIn)) return `${op.name} of %${key(op.results[0]!)} may read stored integer bytes as a pointer`;
  }
  return null;
}

/** Why a pair cannot be checked because a side puns pointers through memory, or null. */
export function pointerPunProblem(s: FuncInfo, t: FuncInfo): string | null {
  for (const [side, f] of [['source', s], ['target', t]] as const) {
    const m = pointerPun(f);
    if (m) return `unsupported: the ${side}'s @${f.name}: ${m} (${ADDRESS_UNMODELLED}: a pointer in memory is the fixed integer b * 2^32 + o)`;
  }
  return null;
}
