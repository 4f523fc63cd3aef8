// Which allocations of a function may become visible outside it: a pointer (or a memref
// holding one) derived from the allocation reaches a call, a store into memory, a return,
// or an integer (ptrtoint). Such blocks live in the memory the outside world shares
// (symbolic-memory.ts); the others are private to the function, and calls cannot touch them.
// Conservative: any flow through an op whose result can hold a pointer is followed.
import type { Block, Operation, Region, Value } from '../../../compiler/mlir/ir.ts';
import { opAttr } from '../../../compiler/mlir/ir.ts';
import { analyzeCfg } from './cfg.ts';
import { carriesPointer } from './values.ts';
import { ZERO_FNS } from '../../../compiler/codegen/runtime-abi.ts';

const nameOf = (v: { name: string; index: number | null }) => (v.index === null ? v.name : `${v.name}#${v.index}`);

/** Names are scoped: sibling regions may reuse them (the printer does, after canonicalize
 *  or LICM). Each definition gets a unique key; a use resolves through the enclosing
 *  regions. */
class Names {
  private readonly scopes: Map<string, string>[] = [];
  /** Each region's definitions, numbered once (entering a region again finds the same keys). */
  private readonly byRegion = new Map<Region, Map<string, string>>();
  private n = 0;
  enter(r: Region): void {
    let scope = this.byRegion.get(r);
    if (!scope) {
      scope = new Map<string, string>();
      for (const b of r.blocks) {
        for (const a of b.args) scope.set(nameOf(a), `${nameOf(a)}@${this.n++}`);
        for (const op of b.ops) for (const res of op.results) scope.set(nameOf(res), `${nameOf(res)}@${this.n++}`);
      }
      this.byRegion.set(r, scope);
    }
    this.scopes.push(scope);
  }
  leave(): void {
    this.scopes.pop();
  }
  key(v: Value): string {
    const k = nameOf(v);
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const hit = this.scopes[i]!.get(k);
      if (hit) return hit;
    }
    return `${k}@free`;
  }
}

export function isAllocSite(op: Operation): boolean {
  if (op.name === 'memref.alloc' || op.name === 'memref.alloca' || op.name === 'llvm.alloca') return true;
  if (op.name === 'llvm.call') {
    const c = opAttr(op, 'callee');
    return !!c && c.kind === 'symbolRef' && c.root === 'malloc';
  }
  return false;
}

const NON_ESCAPING_USES = new Set([
  'memref.load', 'memref.store', 'memref.dim', 'memref.rank', 'memref.dealloc', 'memref.copy', 'llvm.load',
  'llvm.intr.memcpy', 'llvm.intr.memset', 'llvm.icmp', 'cf.cond_br', 'llvm.cond_br', 'cf.br', 'llvm.br',
  'cf.switch', 'llvm.switch', 'scf.yield', 'scf.condition', 'scf.if', 'scf.for', 'scf.while',
]);

/** The allocation ops of `body` whose blocks may escape. */
export function escapingSites(body: Region): Set<Operation> {
  // once per function body (parsed MLIR is never mutated; every symbolic run asks again)
  let s = escapeCache.get(body);
  if (!s) escapeCache.set(body, (s = computeEscapingSites(body)));
  return s;
}
const escapeCache = new WeakMap<Region, Set<Operation>>();

function computeEscapingSites(body: Region): Set<Operation> {
  const sites = new Map<string, Set<Operation>>();
  const edges = new Map<string, string[]>();
  const sinks: string[] = [];
  const flowKeys = (_from: Value, kf: string, to: Value, kt: string) => {
    if (!carriesPointer(to.type)) return; // an integer carries no block (ptrtoint is a sink)
    const list = edges.get(kf) ?? [];
    list.push(kt);
    edges.set(kf, list);
  };
  const flow = (from: Value, to: Value) => flowKeys(from, key(from), to, key(to));

  const names = new Names();
  const key = (v: Value) => names.key(v);
  const carried: { keys: string[]; inside: Set<Operation> }[] = [];
  const visitRegion = (r: Region) => {
    names.enter(r);
    const byLabel = new Map<string, Block>();
    for (const b of r.blocks) if (b.label) byLabel.set(b.label, b);
    if (r.blocks.length > 1) {
      let cfg;
      try {
        cfg = analyzeCfg(r);
      } catch {
        cfg = null; // irreducible: the executor reports it
      }
      for (const [h, loop] of cfg?.loops ?? []) {
        const header = cfg!.blocks[h]!;
        carried.push({ keys: header.args.map(key), inside: heapSitesIn([...loop.body].map((i) => cfg!.blocks[i]!)) });
      }
    }
    for (const b of r.blocks) for (const op of b.ops) visitOp(op, byLabel);
    names.leave();
  };

  const visitOp = (op: Operation, byLabel: Map<string, Block>) => {
    if (isAllocSite(op)) sites.set(key(op.results[0]!), new Set([op]));
    // results derive from every operand (conservative)
    for (const r of op.results) for (const o of op.operands) flow(o, r);
    // branch arguments flow into the target block's arguments
    for (const s of op.successors) {
      const target = byLabel.get(s.label);
      if (target) s.args.forEach((a, i) => target.args[i] && flow(a, target.args[i]!));
    }
    // scf: everything that enters or leaves a region meets at its arguments and the results
    if (op.name === 'scf.for' || op.name === 'scf.while') {
      const keys: string[] = [];
      for (const r of op.regions) {
        names.enter(r);
        for (const b of r.blocks) for (const a of b.args) keys.push(key(a));
        names.leave();
      }
      carried.push({ keys, inside: heapSitesIn(op.regions.flatMap((r) => r.blocks)) });
    }
    if (op.regions.length > 0 && op.name.startsWith('scf.')) {
      // keys resolved in the scope where each value lives
      const meeting: { v: Value; k: string }[] = op.results.map((v) => ({ v, k: key(v) }));
      const inputs: { v: Value; k: string }[] = op.operands.map((v) => ({ v, k: key(v) }));
      for (const r of op.regions) {
        names.enter(r);
        for (const b of r.blocks) {
          for (const a of b.args) meeting.push({ v: a, k: key(a) });
          for (const inner of b.ops) if (inner.name === 'scf.yield' || inner.name === 'scf.condition') for (const o of inner.operands) inputs.push({ v: o, k: key(o) });
        }
        names.leave();
      }
      for (const i of inputs) for (const m of meeting) flowKeys(i.v, i.k, m.v, m.k);
    }
    // sinks: what the outside world can see
    const isCall = op.name === 'func.call' || op.name === 'llvm.call';
    const lib = op.name === 'llvm.call' && (() => {
      const c = opAttr(op, 'callee');
      return !!c && c.kind === 'symbolRef' && (c.root === 'malloc' || c.root === 'free');
    })();
    // zero-init: clef_zero_S is a memset of its view (ops.ts), not an escape
    const zero = isCall && (() => {
      const c = opAttr(op, 'callee');
      return !!c && c.kind === 'symbolRef' && Object.prototype.hasOwnProperty.call(ZERO_FNS, c.root);
    })();
    if (zero) {
      // no sink
    } else if ((isCall && !lib) || op.name === 'func.return' || op.name === 'llvm.return' || op.name === 'llvm.ptrtoint' || op.name === 'memref.extract_aligned_pointer_as_index') {
      for (const o of op.operands) sinks.push(key(o));
    } else if (op.name === 'llvm.store') {
      sinks.push(key(op.operands[0]!));
    } else if (!NON_ESCAPING_USES.has(op.name) && op.results.length === 0 && op.regions.length === 0 && op.successors.length === 0) {
      for (const o of op.operands) sinks.push(key(o)); // an unknown effect: assume the worst
    }
    for (const r of op.regions) visitRegion(r);
  };
  visitRegion(body);

  // propagate allocation sites along the flow edges
  const work = [...sites.keys()];
  while (work.length) {
    const k = work.pop()!;
    const from = sites.get(k)!;
    for (const to of edges.get(k) ?? []) {
      const cur = sites.get(to) ?? new Set<Operation>();
      let grew = false;
      for (const s of from) if (!cur.has(s)) (cur.add(s), (grew = true));
      if (grew) {
        sites.set(to, cur);
        work.push(to);
      }
    }
  }
  const out = new Set<Operation>();
  for (const k of sinks) for (const s of sites.get(k) ?? []) out.add(s);
  // A heap block allocated in a loop and carried into its next iteration (a string built up
  // by concatenation) counts as escaping: the cut-point proof (verifier/tv/cutpoint.ts)
  // drops every SSA value of earlier iterations, so a private block reachable only through
  // them would be lost, while an observable one lives on in the loop's allocation summary.
  // Observable is the conservative side: calls may write it and it is compared at the end,
  // on both sides alike (the rule reads only loop structure, which the lowerings keep).
  for (const c of carried) for (const k of c.keys) for (const s of sites.get(k) ?? []) if (c.inside.has(s)) out.add(s);
  return out;
}

/** The heap allocation sites (memref.alloc, malloc) in these blocks and the regions inside. */
function heapSitesIn(blocks: Block[]): Set<Operation> {
  const out = new Set<Operation>();
  const visit = (ops: Operation[]) => {
    for (const op of ops) {
      if (isAllocSite(op) && op.name !== 'memref.alloca' && op.name !== 'llvm.alloca') out.add(op);
      for (const r of op.regions) for (const b of r.blocks) visit(b.ops);
    }
  };
  for (const b of blocks) visit(b.ops);
  return out;
}
