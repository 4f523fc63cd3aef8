// Facts about one function that operators use to pick meaningful sites: definitions and
// uses, dead pure code, loops, stores into local blocks nobody reads, descriptor fields
// nobody reads, integer ranges (ranges.ts). Each fact
// errs on the safe side: an op is called dead, or a store unobservable, only when that is
// certain from the function's text alone.
import type { Block, Operation, Region, Type, Value } from '../../compiler/mlir/ir.ts';
import { getAttr } from '../../compiler/mlir/ir.ts';
import { vkey } from './build.ts';
import { functionRanges, type Ranges } from './ranges.ts';
import { stronglyConnected } from '../scc.ts';
import type { FunctionFacts } from './types.ts';

export { vkey };

/** Ops that neither touch memory nor have undefined behaviour: if nothing uses their
 *  results, no execution can tell whether they ran, whatever their operands. Division,
 *  remainder and loads are absent on purpose (they can be UB). */
const PURE_TOTAL = new Set([
  'arith.constant', 'arith.addi', 'arith.subi', 'arith.muli', 'arith.andi', 'arith.ori', 'arith.xori',
  'arith.shli', 'arith.shrsi', 'arith.shrui', 'arith.cmpi', 'arith.select', 'arith.extsi', 'arith.extui',
  'arith.trunci', 'arith.index_cast', 'arith.index_castui', 'arith.minsi', 'arith.maxsi', 'arith.minui',
  'arith.maxui', 'arith.addf', 'arith.subf', 'arith.mulf', 'arith.divf', 'arith.cmpf', 'arith.extf',
  'arith.truncf', 'arith.sitofp', 'arith.uitofp', 'arith.negf',
  'llvm.mlir.constant', 'llvm.mlir.undef', 'llvm.mlir.poison', 'llvm.mlir.zero', 'llvm.mlir.addressof',
  'llvm.add', 'llvm.sub', 'llvm.mul', 'llvm.and', 'llvm.or', 'llvm.xor', 'llvm.shl', 'llvm.lshr', 'llvm.ashr',
  'llvm.icmp', 'llvm.select', 'llvm.sext', 'llvm.zext', 'llvm.trunc', 'llvm.insertvalue', 'llvm.extractvalue',
  'llvm.getelementptr', 'llvm.ptrtoint', 'llvm.inttoptr', 'llvm.fadd', 'llvm.fsub', 'llvm.fmul', 'llvm.fdiv',
  'llvm.fcmp', 'llvm.fpext', 'llvm.fptrunc', 'llvm.sitofp', 'llvm.uitofp', 'llvm.bitcast',
  'builtin.unrealized_conversion_cast', 'memref.cast', 'memref.get_global', 'memref.reinterpret_cast',
  'memref.extract_strided_metadata', 'memref.subview', 'memref.view',
]);

export function isPureTotal(op: Operation): boolean {
  return PURE_TOTAL.has(op.name) && op.regions.length === 0 && op.successors.length === 0;
}

/** Ops through which an address flows unchanged in meaning (the result points into the
 *  same block as the operand). */
const ADDRESS_FORWARDING = new Set([
  'memref.cast', 'memref.reinterpret_cast', 'memref.subview', 'memref.view', 'memref.extract_strided_metadata',
  'builtin.unrealized_conversion_cast', 'llvm.insertvalue', 'llvm.extractvalue', 'llvm.getelementptr',
]);

function carriesAddress(t: Type): boolean {
  return t.kind === 'memref' || t.kind === 'unrankedMemref' || t.kind === 'llvm.ptr' || t.kind === 'llvm.struct' || t.kind === 'llvm.array';
}

function walkBlocks(op: Operation, visit: (b: Block, owner: Operation) => void): void {
  for (const r of op.regions) {
    for (const b of r.blocks) {
      visit(b, op);
      for (const inner of b.ops) walkBlocks(inner, visit);
    }
  }
}

/** value key -> defining op, for every value defined inside `fn`. */
export function defsOf(fn: Operation): Map<string, Operation> {
  const defs = new Map<string, Operation>();
  walkBlocks(fn, (b) => {
    for (const o of b.ops) for (const r of o.results) defs.set(vkey(r), o);
  });
  return defs;
}

const SCF_LOOPS = new Set(['scf.for', 'scf.while', 'scf.parallel', 'affine.for']);

export function functionFacts(fn: Operation): FunctionFacts {
  const defs = new Map<string, Operation>();
  const uses = new Map<string, number>();
  const users = new Map<string, Operation[]>();
  const blockOf = new Map<Operation, Block>();
  const ops: Operation[] = [];
  walkBlocks(fn, (b) => {
    for (const op of b.ops) {
      ops.push(op);
      blockOf.set(op, b);
      for (const r of op.results) defs.set(vkey(r), op);
      for (const v of [...op.operands, ...op.successors.flatMap((s) => s.args)]) {
        const k = vkey(v);
        uses.set(k, (uses.get(k) ?? 0) + 1);
        const list = users.get(k);
        if (list) list.push(op);
        else users.set(k, [op]);
      }
    }
  });

  // Liveness: everything that is not pure-and-total is a root; a pure op is live when one of
  // its results is used by a live op (a dead store's value, an unread field's value excepted). Block arguments count as used by their branches, which
  // are roots, so this over-approximates what is live (never calls live code dead).
  const unobservable = deadStores(ops, users);
  const live = new Set<Operation>();
  const work: Operation[] = [];
  const markOperands = (op: Operation) => {
    // the value a dead store writes is never seen; its address still matters (it can be UB)
    // likewise the value an insertvalue puts in a field that nothing reads
    const read = unobservable.has(op)
      ? op.operands.slice(1)
      : op.name === 'llvm.insertvalue' && !fieldObserved(op, users)
        ? op.operands.slice(0, 1)
        : op.operands;
    for (const v of [...read, ...op.successors.flatMap((s) => s.args)]) {
      const d = defs.get(vkey(v));
      if (d && !live.has(d)) {
        live.add(d);
        work.push(d);
      }
    }
  };
  for (const op of ops) {
    if (!isPureTotal(op)) {
      live.add(op);
      work.push(op);
    }
  }
  // ops nested in a region use values of enclosing blocks: the region's owner is a root, and
  // its nested ops are visited above, so nothing more is needed here.
  while (work.length > 0) markOperands(work.pop()!);
  const dead = new Set(ops.filter((op) => !live.has(op)));

  const inLoop = new Set<Block>();
  const loopHeaders = new Set<Block>();
  walkBlocks(fn, (b, owner) => {
    if (SCF_LOOPS.has(owner.name)) markNested(b, inLoop);
  });
  const regions: Region[] = [];
  const collect = (op: Operation) => {
    for (const r of op.regions) {
      regions.push(r);
      for (const b of r.blocks) for (const inner of b.ops) collect(inner);
    }
  };
  collect(fn);
  for (const r of regions) cfgLoops(r, inLoop, loopHeaders);

  let ranges: Ranges | null = null;
  const range = (v: Value, at: Block) => (ranges ??= functionRanges(fn, defs))(v, at);
  return { defs, uses, users, dead, inLoop, loopHeaders, deadStores: unobservable, blockOf, range };
}

function markNested(b: Block, into: Set<Block>): void {
  into.add(b);
  for (const op of b.ops) for (const r of op.regions) for (const inner of r.blocks) markNested(inner, into);
}

/** Blocks on a cycle of the region's CFG (verifier/scc.ts) and the targets of back edges. */
function cfgLoops(r: Region, inLoop: Set<Block>, headers: Set<Block>): void {
  const byLabel = new Map<string, Block>();
  for (const b of r.blocks) if (b.label !== null) byLabel.set(b.label, b);
  const succ = (b: Block): Block[] => {
    const t = b.ops[b.ops.length - 1];
    return t ? t.successors.map((s) => byLabel.get(s.label)).filter((x): x is Block => !!x) : [];
  };
  // The search enters a block when it first asks for its successors, and it walks each
  // block's edges lazily, in order: so an edge found to lead to a block entered before is a
  // back edge or a cross edge. One whose ends share a component closes a cycle through its
  // target (the block Tarjan's stack test marked, the loop header).
  const entered = new Set<Block>();
  const toEntered: [Block, Block][] = [];
  function* edges(v: Block): Generator<Block> {
    for (const w of succ(v)) {
      if (entered.has(w)) toEntered.push([v, w]);
      yield w;
    }
  }
  const comps = stronglyConnected(r.blocks, (v) => (entered.add(v), edges(v)));
  const compOf = new Map<Block, number>();
  comps.forEach((c, i) => c.forEach((b) => compOf.set(b, i)));
  for (const comp of comps) if (comp.length > 1 || succ(comp[0]!).includes(comp[0]!)) for (const b of comp) inLoop.add(b);
  for (const [v, w] of toEntered) if (compOf.get(v) === compOf.get(w)) headers.add(w);
}

/**
 * Stores into a stack block (`memref.alloca`, `llvm.alloca`) of this function whose every
 * derived address is only ever stored through (or asked for its shape): nothing reads the
 * block and it does not escape, so no caller can observe those stores.
 */
function deadStores(ops: Operation[], usersOf: Map<string, Operation[]>): Set<Operation> {
  const out = new Set<Operation>();
  for (const root of ops) {
    if (root.name !== 'memref.alloca' && root.name !== 'llvm.alloca') continue;
    const stores: Operation[] = [];
    const seen = new Set<string>();
    const queue: Value[] = [...root.results];
    let escapes = false;
    while (queue.length > 0 && !escapes) {
      const v = queue.pop()!;
      const k = vkey(v);
      if (seen.has(k)) continue;
      seen.add(k);
      for (const user of usersOf.get(k) ?? []) {
        const operandPos = user.operands.findIndex((o) => vkey(o) === k);
        if (user.name === 'memref.store' || user.name === 'llvm.store') {
          // operand 0 is the stored value, 1 the address: storing the address itself leaks it
          if (operandPos === 1 && vkey(user.operands[0]!) !== k) stores.push(user);
          else escapes = true;
        } else if (user.name === 'memref.dim') {
          // reads the shape, not the contents
        } else if (ADDRESS_FORWARDING.has(user.name) && user.successors.length === 0) {
          for (const r of user.results) if (carriesAddress(r.type)) queue.push(r);
        } else {
          escapes = true;
        }
      }
    }
    if (!escapes) for (const s of stores) out.add(s);
  }
  return out;
}

export function positionOf(o: Operation): number[] {
  const a = getAttr(o.properties, 'position');
  return a && a.kind === 'denseArray' ? a.values.map((v) => Number(v)) : [];
}

export const samePos = (a: number[], b: number[]): boolean => a.length === b.length && a.every((x, k) => x === b[k]);

/** The value last inserted at `pos` into the aggregate `v`, following insertvalue chains in
 *  the function; null when it cannot be seen (an argument, a load, a call, undef). */
export function insertedAt(defs: Map<string, Operation>, v: Value, pos: number[]): Value | null {
  for (let guard = 0; guard < 100000; guard++) {
    const d = defs.get(vkey(v));
    if (!d || d.name !== 'llvm.insertvalue') return null;
    if (samePos(positionOf(d), pos)) return d.operands[1]!;
    v = d.operands[0]!;
  }
  return null;
}

/** `v` with `extractvalue(insertvalue(..., x, p), p)` seen through: two values that resolve
 *  to the same key are certainly equal. */
export function resolveValue(defs: Map<string, Operation>, v: Value): Value {
  for (let guard = 0; guard < 1000; guard++) {
    const d = defs.get(vkey(v));
    if (!d || d.name !== 'llvm.extractvalue') return v;
    const x = insertedAt(defs, d.operands[0]!, positionOf(d));
    if (!x) return v;
    v = x;
  }
  return v;
}

export const certainlyEqual = (defs: Map<string, Operation>, a: Value, b: Value): boolean =>
  vkey(resolveValue(defs, a)) === vkey(resolveValue(defs, b));

/**
 * Whether the field an insertvalue writes can be seen: some extractvalue of the aggregate
 * (or of a later insertvalue into it) reads that position, or the aggregate leaves this
 * chain any other way (a call, a branch, a cast, a return). A descriptor's allocated
 * pointer is typically written and never read: moving that insert elsewhere is equivalent.
 */
export function fieldObserved(o: Operation, users: Map<string, Operation[]>): boolean {
  const pos = positionOf(o);
  const work: Value[] = [o.results[0]!];
  const seen = new Set<string>();
  while (work.length > 0) {
    const v = work.pop()!;
    if (seen.has(vkey(v))) continue;
    seen.add(vkey(v));
    for (const user of users.get(vkey(v)) ?? []) {
      if (user.name === 'llvm.insertvalue' && vkey(user.operands[0]!) === vkey(v) && vkey(user.operands[1]!) !== vkey(v)) {
        if (!samePos(positionOf(user), pos)) work.push(user.results[0]!);
      } else if (user.name === 'llvm.extractvalue') {
        const p = positionOf(user);
        if (samePos(p.slice(0, pos.length), pos) || samePos(pos.slice(0, p.length), p)) return true;
      } else return true;
    }
  }
  return false;
}
