// Cut points of the target's own copy loops: core-to-mlir copies a string's
// bytes with an scf.for that Core has no loop for (compiler/codegen/strings.ts copyLoop:
// `dst[dstAt + i] = src[srcAt + i]` for i < n, plus the join-marker store). In cut mode
// such a loop runs once from a havoc state; its relation C_j ties that state to the arrival:
//   - the counter i (not poison): 0 <= i and (i <= n or i = 0);
//   - the call count, the trace and every block's liveness are the arrival's (the body
//     makes no call and frees nothing: symexec.ts keepTraceWithoutCalls, liveness by
//     substitution);
//   - a private block the body does not store into holds the arrival's bytes (by
//     substitution; its poison too where the arrival knows no unwritten byte in it, else
//     its poison is left free, which stands for more poison than the real state: sound);
//   - the destination's bytes: for every index x (an address when it is observable, in U;
//     an offset into its own arrays when it is private),
//       bytes_h[x]  = x among dst's first i elements ? src's byte at that index (arrival) : bytes_a[x]
//       poison_h[x] = x among them ? that byte's poison : poison_a[x] or x is unwritten
//     (the havoc drops the `fresh` marks of the target's blocks: poison stands for them, as
//     the target reads them; more poison than the real state only adds mismatches).
// Those equations are quantified facts; they are asserted as instances at every index the
// query reads the havoc arrays at (after reads are pushed through stores and ites) —
// fewer instances only add models, so an unsat query stays a proof. C_j is checked at the
// back edge at fresh witnesses (quantifier-free) and holds on arrival by construction (i = 0
// is the literal lower bound). The loop's own checks are `alone` parts: checked without the
// query's assertions (its relation at the havoc, the argument facts and its instances are
// conjuncts; fewer assumptions, so unsat alone is unsat with them), much smaller queries.
// Accepted only when the pattern is exact: scf.for from 0 step 1 without iteration values,
// loads and stores of i8 through 1-D memrefs of stride 1, the destination one writable
// block, the source observable or a single private block without unwritten bytes, marker
// stores into private blocks only. Whether the source may overlap the destination need not
// be trusted: the back-edge check fails then.
import type { Operation, Value } from '../../../compiler/mlir/ir.ts';
import { opAttr, walk as walkOps } from '../../../compiler/mlir/ir.ts';
import type { ModuleInfo } from '../../semantics/mlir/module-info.ts';
import { globalsReachable } from './string-calls.ts';
import type { TermFactory } from '../../smt/factory.ts';
import { bvSort, type Term } from '../../smt/term.ts';
import { rewriteTerms } from '../../smt/rewrite.ts';
import { walk } from '../../smt/smtlib.ts';
import type { Dom } from '../../semantics/mlir/domain.ts';
import type { FuncInfo } from '../../semantics/mlir/module-info.ts';
import { asMemRef, asMemRefType, viewParams } from '../../semantics/mlir/ops-memref.ts';
import { asInt } from '../../semantics/mlir/ops-int.ts';
import type { SideResult, SVal } from '../../semantics/mlir/symexec.ts';
import { blockGroups, textOrderLoops } from '../../semantics/mlir/symexec.ts';
import { ADDR_SORT, type SymBlock, type SymMemState } from '../../semantics/mlir/symbolic-memory.ts';
import { BID_BITS, OBS, OFF_BITS, type MemRefV } from '../../semantics/mlir/values.ts';
import { NotMapped } from './unmapped.ts';
import { overlay, overlayPoison } from './cut-strings.ts';

/** The operands of a copy loop, as SSA values outside its body. */
type CopyShape = { src: Value; srcAt: Value; dst: Value; dstAt: Value; n: Value; lb: Value; step: Value; marks: Value[] };

/** An addi property that changes nothing: no overflow flags (the parser's default). */
const noFlags = (p: Operation['properties'][number]) => p.name === 'overflowFlags' && p.value.kind === 'opaque' && p.value.text === '#arith.overflow<none>';

const vk = (v: Value) => (v.index === null ? v.name : `${v.name}#${v.index}`);

/** The copy-loop shape of an scf.for, or why not. */
export function copyShape(op: Operation): CopyShape | string {
  if (op.name !== 'scf.for' || op.operands.length !== 3 || op.results.length !== 0) return 'not an scf.for without iteration values';
  const body = op.regions[0]?.blocks;
  if (!body || body.length !== 1 || op.regions.length !== 1) return 'not one body block';
  const b = body[0]!;
  if (b.args.length !== 1) return 'iteration values';
  const iv = vk(b.args[0]!);
  const ops = b.ops;
  const term = ops[ops.length - 1];
  if (!term || term.name !== 'scf.yield' || term.operands.length) return 'no plain scf.yield';
  const [a0, ld, a1, st, ...rest] = ops.slice(0, -1);
  const plainAdd = (o: Operation | undefined): o is Operation => !!o && o.name === 'arith.addi' && o.operands.length === 2 && vk(o.operands[1]!) === iv && o.properties.every(noFlags) && o.attributes.length === 0;
  if (!plainAdd(a0) || !plainAdd(a1)) return 'not index additions';
  if (!ld || ld.name !== 'memref.load' || ld.operands.length !== 2 || vk(ld.operands[1]!) !== vk(a0.results[0]!)) return 'no load of src[srcAt + i]';
  if (!st || st.name !== 'memref.store' || st.operands.length !== 3 || vk(st.operands[0]!) !== vk(ld.results[0]!) || vk(st.operands[2]!) !== vk(a1.results[0]!)) return 'no store of it to dst[dstAt + i]';
  const inBody = new Set([iv, ...ops.flatMap((o) => o.results.map(vk))]);
  const outside = (v: Value) => !inBody.has(vk(v));
  for (const v of [a0.operands[0]!, a1.operands[0]!, ld.operands[0]!, st.operands[1]!]) if (!outside(v)) return 'operands computed in the body';
  // join markers: stores of a value from outside into memory from outside at an index from outside
  const marks: Value[] = [];
  for (const m of rest) {
    if (m.name !== 'memref.store' || !m.operands.every(outside)) return `${m.name} in the body`;
    marks.push(m.operands[1]!);
  }
  for (const v of [ld.operands[0]!, st.operands[1]!, ...marks]) {
    const t = asMemRefType(v.type, 'copy loop');
    if (t.shape.length !== 1 || t.element.kind !== 'integer' || t.element.width !== 8) return 'not 1-D i8 memrefs';
  }
  return { src: ld.operands[0]!, srcAt: a0.operands[0]!, dst: st.operands[1]!, dstAt: a1.operands[0]!, n: op.operands[1]!, lb: op.operands[0]!, step: op.operands[2]!, marks };
}

/** Does the function's MLIR hold scf.for ops that are copy loops (and no other loop but scf.while)? */
export function hasCopyLoops(fi: FuncInfo): boolean {
  let any = false;
  for (const b of fi.body!.blocks)
    for (const op of walkOps(b.ops)) if (op.name === 'scf.for' && typeof copyShape(op) !== 'string') any = true;
  return any;
}

/** What one copy loop's relation needs at the end of the query build: the havoc arrays and
 *  their defining equations as functions of an index (address or offset) and the counter. */
export type CopyRel = { j: number; iv: Term; eqs: { arr: Term; rhs: (x: Term, i: Term) => Term }[] };

export type CopyLink = {
  assume: Term[];
  subst: Map<number, Term>;
  /** alone: a property of the loop by itself, checked without the query's assertions (fewer
   *  assumptions: unsat alone is unsat with them) — the loop's relation at its havoc is a
   *  conjunct, its instances are added to the part (instantiateCopies). */
  parts: { what: string; t: Term; alone?: boolean; loop?: number }[];
  rels: CopyRel[];
  /** The path conditions of the back edges: a path that takes one ends there (its segment is
   *  the back-edge part's); the paths part follows the others (a real run's last visit of
   *  the head exits). Core, without the loop, runs on where the target took the back edge. */
  backs: Term[];
  /** Some copy's source may be observable or one of several constant globals, or any
   *  observable block with the destination among them (sources refused before round 8). */
  mixed: boolean;
};

/** The Clef function (`clef.*`) whose `func.call` in `fi` defines `v`, if any. */
function calleeOf(fi: FuncInfo, v: Value): string | null {
  const key = vk(v);
  for (const b of fi.body!.blocks)
    for (const op of walkOps(b.ops)) {
      if (op.name !== 'func.call' || !op.results.some((r) => vk(r) === key)) continue;
      const a = opAttr(op, 'callee');
      return a && a.kind === 'symbolRef' && a.root.startsWith('clef.') ? a.root : null;
    }
  return null;
}

/** The relations C_j of the target havoc states whose loop is no Core loop (`witnessed`). */
export function linkCopies(F: TermFactory, D: Dom<Term, Term>, fi: FuncInfo, tgt: SideResult, witnessed: Set<number>, info?: ModuleInfo): CopyLink {
  const out: CopyLink = { assume: [], subst: new Map(), parts: [], rels: [], backs: [], mixed: false };
  const ops = new Map<number, Operation>();
  for (const [x, id] of textOrderLoops(fi.body!).ids) if ('kind' in x && x.kind === 'Operation') ops.set(id, x);
  const define = (v: Term, t: Term) => {
    if (v.kind === 'var' && v.id !== t.id && !out.subst.has(v.id)) out.subst.set(v.id, t);
    else if (v.id !== t.id) out.assume.push(F.eq(v, t));
  };
  for (const h of tgt.havocs) {
    if (witnessed.has(h.loop)) continue;
    const op = ops.get(h.loop);
    const why = (w: string) => new NotMapped(`cut points: scf.for in @${fi.name}: ${w}`);
    if (!op || op.name !== 'scf.for') throw why('a loop that is no Core loop');
    const shape = copyShape(op);
    if (typeof shape === 'string') throw why(shape);
    if (!h.outer) throw why('no values of the loop');
    const arr = tgt.cutRecords.find((r) => r.loop === h.loop && r.kind === 'arrive');
    const back = tgt.cutRecords.find((r) => r.loop === h.loop && r.kind === 'back');
    if (!arr) throw why('no arrival');
    if (tgt.cutRecords.filter((r) => r.loop === h.loop).length > 2 || tgt.havocs.filter((x) => x.loop === h.loop).length > 1) throw why('met twice');
    const int = (v: Value) => asInt(h.outer!(v), 'copy loop');
    const lb = int(shape.lb), step = int(shape.step), n = int(shape.n), srcAt = int(shape.srcAt), dstAt = int(shape.dstAt);
    if (!(lb.v.kind === 'bv' && lb.v.value === 0n && lb.poison.kind === 'bool' && !lb.poison.value)) throw why('a lower bound other than 0');
    if (!(step.v.kind === 'bv' && step.v.value === 1n && step.poison.kind === 'bool' && !step.poison.value)) throw why('a step other than 1');
    const src = asMemRef(h.outer(shape.src) as SVal, 'copy loop') as MemRefV<Term, Term>;
    const dst = asMemRef(h.outer(shape.dst) as SVal, 'copy loop') as MemRefV<Term, Term>;
    // byte offset of element k: aligned + offset + (at + k) * 1 (elementPtr, stride 1)
    const base = (m: MemRefV<Term, Term>, v: Value, at: Term): Term => {
      const vp = viewParams({ D } as never, asMemRefType(v.type, 'copy loop'), m);
      const s = vp.strides[0]!;
      if (!(s.v.kind === 'bv' && s.v.value === 1n)) throw why('a stride other than 1');
      return D.add(m.aligned.off, D.add(vp.offset.v, at, OFF_BITS), OFF_BITS);
    };
    const dBase = base(dst, shape.dst, dstAt.v);
    const sBase = base(src, shape.src, srcAt.v);
    // element k's byte offset as the body's load and store compute it (ops-memref.ts
    // elementPtr over `at + k`): the same terms for k = i, which the witness checks use
    const atK = (m: MemRefV<Term, Term>, v: Value, at: Term) => (k: Term): Term => {
      const vp = viewParams({ D } as never, asMemRefType(v.type, 'copy loop'), m);
      const lin = D.add(vp.offset.v, D.mul(D.add(at, k, 64), vp.strides[0]!.v, 64), 64);
      return D.add(m.aligned.off, D.mul(lin, D.lit(1n, 64), 64), OFF_BITS);
    };
    const dAt = atK(dst, shape.dst, dstAt.v);
    const sAt = atK(src, shape.src, srcAt.v);
    const blocks = arr.st.mem.blocks;
    const byKey = (k: number) => blocks.find((b) => b?.key === k);
    const dstPts = dst.aligned.pts;
    if (!dstPts || dstPts.length !== 1 || dstPts[0] === OBS) throw why('the destination is not one known block');
    const dBlock = byKey(dstPts[0]!);
    const dIdx = blocks.findIndex((b) => b?.key === dstPts[0]);
    if (!dBlock || dBlock.readonly || (!dBlock.inU && (!dBlock.data || !dBlock.poison))) throw why('the destination is not a writable block');
    const markKeys = new Set(shape.marks.flatMap((v) => (asMemRef(h.outer!(v) as SVal, 'copy loop').aligned.pts ?? [OBS])));
    if (markKeys.has(OBS) || markKeys.has(dBlock.key) || [...markKeys].some((k) => byKey(k)?.inU !== false)) throw why('a marker store into observable memory');
    const srcPts = src.aligned.pts;
    if (!srcPts) throw why('the source may be any block');
    const srcBlocks = srcPts.flatMap((k) => (k === OBS ? blocks.filter((b): b is SymBlock => !!b && (b.inU || b.kind === 'static')) : [byKey(k)].filter((b): b is SymBlock => !!b)));
    // (a summarised block — an earlier iteration's buffer of an enclosing Core loop that
    // carries a string, cut-strings.ts — is in U and read there, as the target reads it)
    // (core-loops, round 8: a source that may be any observable block — a carried string —
    // may be the destination's block as far as points-to sets go; that it is not is left to
    // the back-edge check, which fails where the copy reads what it wrote)
    if (srcBlocks.some((b) => (b.key === dBlock.key && !srcPts.includes(OBS)) || markKeys.has(b.key))) throw why('the source may be the destination');
    const srcInU = srcBlocks.every((b) => b.inU);
    const srcPriv = srcBlocks.length === 1 && !srcBlocks[0]!.inU ? srcBlocks[0]! : null;
    // a source that may be observable or one of several constant
    // globals (a carried string that starts as a literal; an if choosing a literal) reads U
    // with the globals' bytes laid over it (cut-strings.ts overlay: exact inside a global)
    const mixed = !srcInU && !srcPriv;
    // (the sources refused before round 8: such a copy's own checks assume more, cut-query.ts)
    if (mixed || (srcPts.includes(OBS) && srcBlocks.some((b) => b.key === dBlock.key))) out.mixed = true;
    if (mixed && !srcBlocks.every((b) => b.inU || (b.readonly && b.lit))) throw why('the source may be observable or private');
    if (srcPriv && (!srcPriv.data || !srcPriv.poison || (!srcPriv.readonly && srcPriv.fresh))) throw why('a private source with unwritten bytes');
    const bidOf = (a: Term) => F.extract(BID_BITS + OFF_BITS - 1, OFF_BITS, a);
    const offOf = (a: Term) => F.extract(OFF_BITS - 1, 0, a);
    const A = arr.st.mem;
    const H = h.st.mem;
    // the globals the source's points-to set names, and with OBS, in a function without Core
    // loops, every constant global (a load through OBS reads each from its initializer,
    // symbolic-memory.ts readBytePlain: the source's bytes as the target reads them;
    // core-loops, session 8 — before, U was read there, so a copy of a callee's result
    // string, which may be any literal, failed its back edge: tlv_parser `describe`, class
    // B1). The overlay is the relation's, checked at the back edge like the rest of it. Not
    // with Core loops: there the calls' placement of the result is assumed (`mixed`), and the
    // overlay of every global (crc32's tables) made the Core loop's back edge time out (bits
    // `bitsOf`, crc16_frame/crc32 `hex16`/`hex32`, proved without it at 10 s per query).
    const allConsts = srcPts.includes(OBS) && witnessed.size === 0;
    // With Core loops, a source that is a Clef callee's result (`s + show u` in pid_fixed
    // `main`'s loop) gets the constant globals that callee may return (the literals of its body
    // and its callees': string-calls.ts globalsReachable) — a few strings, where every global
    // of the module was too many; without them the back edge was sat, as class B1's was
    const callee = info && srcPts.includes(OBS) && !allConsts ? calleeOf(fi, shape.src) : null;
    const returned = callee ? globalsReachable(info!, callee) : null;
    const fromCallee = returned ? srcBlocks.filter((b) => !b.inU && b.lit && b.lit.length <= 4096 && returned.has(b.origin.replace(/^@/, ''))) : [];
    const named = [...new Set([...srcPts.flatMap((k) => (k === OBS ? [] : [byKey(k)].filter((b): b is SymBlock => !!b))), ...(allConsts ? srcBlocks.filter((b) => !b.inU) : fromCallee)])];
    const AU = mixed ? overlay(F, A.U, named) : A.U;
    const AUP = mixed ? overlayPoison(F, A.UP, named) : A.UP;
    // the source's byte and poison (at the arrival) for destination offset o; an observable
    // block's unwritten bytes are poison (as the target reads them)
    // (inside the block: its fresh array says nothing of offsets past its end, which no read
    // reaches — core-loops, round 8: a buffer allocated in a Core loop carrying a string,
    // whose back edge finds no poison byte anywhere)
    const unwritten = (a: Term) => F.or(...A.blocks.flatMap((b) => (b && b.inU && b.key >= 0 && b.fresh ? [F.and(F.eq(bidOf(a), b.bid), D.ult(offOf(a), b.size, OFF_BITS), F.select(b.fresh, offOf(a)))] : [])));
    const sOff = (o: Term) => D.add(sBase, D.sub(o, dBase, OFF_BITS), OFF_BITS);
    const sAddr = (o: Term) => F.app('concat', [src.aligned.bid, sOff(o)]);
    const srcByte = (o: Term) => (srcPriv ? F.select(srcPriv.data!, sOff(o)) : F.select(AU, sAddr(o)));
    const srcPoison = (o: Term) => (srcPriv ? F.or(F.select(srcPriv.poison!, sOff(o)), srcPriv.fresh ? F.select(srcPriv.fresh, sOff(o)) : F.false) : F.or(F.select(AUP, sAddr(o)), unwritten(sAddr(o))));
    const inRange = (o: Term, i: Term) => D.ult(D.sub(o, dBase, OFF_BITS), i, OFF_BITS);
    // the same bytes for the destination's element k (dAt(k) - dBase = k, sAt(k) = sOff(dAt(k)))
    const sAddrK = (k: Term) => F.app('concat', [src.aligned.bid, sAt(k)]);
    const srcByteK = (k: Term) => (srcPriv ? F.select(srcPriv.data!, sAt(k)) : F.select(AU, sAddrK(k)));
    const srcPoisonK = (k: Term) => (srcPriv ? F.or(F.select(srcPriv.poison!, sAt(k)), srcPriv.fresh ? F.select(srcPriv.fresh, sAt(k)) : F.false) : F.or(F.select(AUP, sAddrK(k)), unwritten(sAddrK(k))));
    // C_j's memory part as equations "havoc array at x = rhs(x, i)", instantiated at reads
    // (`atK`/`rhsK`: the index of the destination's element k and rhs there, the same value)
    const eqs: { arr: Term; after: (st: SymMemState) => Term; rhs: (x: Term, i: Term) => Term; sort: 'addr' | 'off'; atK: (k: Term) => Term; rhsK: (k: Term, i: Term) => Term }[] = [];
    if (dBlock.inU) {
      const inDst = (a: Term, i: Term) => F.and(F.eq(bidOf(a), dst.aligned.bid), inRange(offOf(a), i));
      const dAddrK = (k: Term) => F.app('concat', [dst.aligned.bid, dAt(k)]);
      eqs.push({ arr: H.U, after: (m) => m.U, rhs: (a, i) => F.ite(inDst(a, i), srcByte(offOf(a)), F.select(A.U, a)), sort: 'addr', atK: dAddrK, rhsK: (k, i) => F.ite(D.ult(k, i, OFF_BITS), srcByteK(k), F.select(A.U, dAddrK(k))) });
      eqs.push({ arr: H.UP, after: (m) => m.UP, rhs: (a, i) => F.ite(inDst(a, i), srcPoison(offOf(a)), F.or(F.select(A.UP, a), unwritten(a))), sort: 'addr', atK: dAddrK, rhsK: (k, i) => F.ite(D.ult(k, i, OFF_BITS), srcPoisonK(k), F.or(F.select(A.UP, dAddrK(k)), unwritten(dAddrK(k)))) });
    } else {
      // a private destination: its own arrays; observable memory is the arrival's
      const hd = H.blocks[dIdx]!;
      const fresh = dBlock.fresh;
      const dPoison = (o: Term) => F.or(F.select(dBlock.poison!, o), fresh ? F.select(fresh, o) : F.false);
      eqs.push({ arr: hd.data!, after: (m) => m.blocks[dIdx]!.data!, rhs: (o, i) => F.ite(inRange(o, i), srcByte(o), F.select(dBlock.data!, o)), sort: 'off', atK: dAt, rhsK: (k, i) => F.ite(D.ult(k, i, OFF_BITS), srcByteK(k), F.select(dBlock.data!, dAt(k))) });
      eqs.push({ arr: hd.poison!, after: (m) => m.blocks[dIdx]!.poison!, rhs: (o, i) => F.ite(inRange(o, i), srcPoison(o), dPoison(o)), sort: 'off', atK: dAt, rhsK: (k, i) => F.ite(D.ult(k, i, OFF_BITS), srcPoisonK(k), dPoison(dAt(k))) });
      define(H.U, A.U);
      const upK = (k: Term) => F.app('concat', [dst.aligned.bid, dAt(k)]); // (not the destination's: any address)
      if (A.blocks.some((b) => b && b.inU && b.key >= 0 && b.fresh)) eqs.push({ arr: H.UP, after: (m) => m.UP, rhs: (a) => F.or(F.select(A.UP, a), unwritten(a)), sort: 'addr', atK: upK, rhsK: (k) => F.or(F.select(A.UP, upK(k)), unwritten(upK(k))) });
      else define(H.UP, A.UP);
    }
    if (eqs.some((e) => e.arr.kind !== 'var')) throw why('no havoc memory');
    const iv = h.vals[0];
    if (!iv || iv.kind !== 'int' || iv.w !== 64) throw why('no 64-bit counter');
    const ivOk = (i: Term) => F.and(D.sle(D.lit(0n, 64), i, 64), F.or(D.sle(i, n.v, 64), F.eq(i, D.lit(0n, 64))));
    out.assume.push(ivOk(iv.v));
    // on arrival: the havoc's facts of the counter (symexec.ts record; a literal 0 here)
    out.parts.push({ what: `entering copy loop ${h.loop}`, t: F.and(arr.st.pc, F.or(F.not(arr.inv), F.not(ivOk(arr.vals[0]!.kind === 'int' ? arr.vals[0]!.v : F.bv(1n, 64))))), alone: true, loop: h.loop });
    // what the body does not change: by substitution
    define(h.st.calls, arr.st.calls);
    const same = privateAndAlive(F, H, A, new Set([...markKeys, dBlock.key]), define);
    // the liveness of an enclosing loop's summarised blocks (core-loops, round 8: a Core loop
    // carrying a string; the body frees nothing, checked at the back edge)
    const sums = (m: SymMemState) => m.summaries ?? [];
    if (sums(H).length !== sums(A).length) throw why('summaries that differ from the arrival');
    sums(H).forEach((sm, x) => define(sm.alive, sums(A)[x]!.alive));
    out.rels.push({ j: h.loop, iv: iv.v, eqs: eqs.map((e) => ({ arr: e.arr, rhs: e.rhs })) });
    // the back edge: C_j of the state after one iteration, at i + 1
    if (back) {
      const ib = back.vals[0];
      if (!ib || ib.kind !== 'int') throw why('no counter at the back edge');
      const B = back.st.mem;
      if (B.blocks.length !== A.blocks.length) throw why('a loop that allocates');
      const differs: Term[] = [F.not(back.inv), ib.poison, F.not(ivOk(ib.v)), F.not(F.eq(back.st.calls, arr.st.calls))];
      // witnesses: an offset k from the destination's first byte (the destination's bytes
      // at dBase + k: every byte of its block), and, for addresses, one outside its block —
      // together every index; the offset form keeps the counter arithmetic simple for the
      // solver (a 96-bit witness with the offset recovered by subtraction: 7 s against 0.4 s)
      eqs.forEach((e, x) => {
        const differsAt = (i: Term) => F.not(F.eq(F.select(e.after(B), i), e.rhs(i, ib.v)));
        const k = F.var(`w.copy.${h.loop}.${x}.k`, bvSort(OFF_BITS));
        // element k of the destination (the iteration's own element, k = i, as its own case)
        const atk = (kk: Term) => F.not(F.eq(F.select(e.after(B), e.atK(kk)), e.rhsK(kk, ib.v)));
        differs.push(atk(iv.v), F.and(F.not(F.eq(k, iv.v)), atk(k)));
        if (e.sort === 'addr') {
          const out = F.var(`w.copy.${h.loop}.${x}.out`, ADDR_SORT);
          differs.push(F.and(F.not(F.eq(bidOf(out), dst.aligned.bid)), differsAt(out)));
        }
      });
      if (dBlock.inU === false) differs.push(F.not(F.eq(B.U, A.U)));
      if (dBlock.inU === false && !eqs.some((e) => e.arr.id === H.UP.id)) differs.push(F.not(F.eq(B.UP, A.UP)));
      if (sums(B).length !== sums(A).length) throw why('a loop that allocates');
      sums(B).forEach((sm, x) => differs.push(F.not(F.eq(sm.alive, sums(A)[x]!.alive))));
      const groupsA = blockGroups(F, A.blocks);
      const groupsB = blockGroups(F, B.blocks);
      B.blocks.forEach((b, x) => {
        const a = A.blocks[x];
        if (!b || !a) return;
        differs.push(F.not(F.eq(shared(groupsB, b) ? groupsB.get(b.bid.id)!.alive : b.alive, shared(groupsA, a) ? groupsA.get(a.bid.id)!.alive : a.alive)));
        const kept = same.get(b.key);
        if (kept?.data) differs.push(F.not(F.eq(b.data!, a.data!)));
        if (kept?.poison) differs.push(F.not(F.eq(b.poison!, a.poison!)));
      });
      out.parts.push({ what: `the back edge of copy loop ${h.loop}`, t: F.and(ivOk(iv.v), F.not(iv.poison), back.st.pc, F.or(...differs)), alone: true, loop: h.loop });
      out.backs.push(back.st.pc);
    }
  }
  return out;
}

/** Liveness of every block and contents of private blocks the body does not store into
 *  (`written`: the destination, the markers): the arrival's (the havoc's unknowns, by
 *  substitution). Returns, by block key, which arrays were so defined (checked at the back
 *  edge). A block whose arrival knows unwritten bytes keeps a free poison array: more poison
 *  than the real state, which only adds mismatches. */
function privateAndAlive(F: TermFactory, H: SymMemState, A: SymMemState, written: Set<number>, define: (v: Term, t: Term) => void): Map<number, { data: boolean; poison: boolean }> {
  const out = new Map<number, { data: boolean; poison: boolean }>();
  const groups = blockGroups(F, A.blocks);
  H.blocks.forEach((b, x) => {
    const a = A.blocks[x];
    if (!b || !a) return;
    // the havoc names one liveness per block id (an allocation in each branch of an if is one
    // block: symexec.ts blockGroups), so it is the group's, any entry alive (core-loops,
    // round 8: was the entry's own, two different definitions of one unknown)
    // (only where it names one: an observable block, or an id of one entry — symexec.ts havoc)
    define(b.alive, shared(groups, a) ? groups.get(a.bid.id)!.alive : a.alive);
    if (b.inU || b.readonly || written.has(b.key) || !b.data || !a.data || !b.poison || !a.poison) return;
    define(b.data, a.data);
    if (!a.fresh) define(b.poison, a.poison);
    out.set(b.key, { data: true, poison: !a.fresh });
  });
  return out;
}

/** Does the havoc name one liveness for the block's whole group (symexec.ts havoc: an
 *  observable block, or a private one whose id names one entry)? */
function shared(groups: ReturnType<typeof blockGroups>, b: SymBlock): boolean {
  const g = groups.get(b.bid.id);
  return !!g && (b.inU || g.members.length === 1);
}

/** Every read pushed down to the arrays it reads: through stores (read-over-write) and
 *  through array ites (`select(ite(c, a, b), x)` is `ite(c, select(a, x), select(b, x))`,
 *  the memories of the two arms of an if) — exact rewrites, so that the reads of a havoc
 *  array are syntactic `select`s of it. */
function pushReads(F: TermFactory, roots: Term[], havoc: Set<number>): Term[] {
  // only reads of arrays built over a havoc array (other arrays' stores stay for the solver:
  // a fresh-byte array of 32 literal stores read at a symbolic offset is one select, not a
  // 32-deep ite)
  const over = new Map<number, boolean>();
  const isLit = (t: Term) => t.kind === 'bv' || t.kind === 'bool' || t.kind === 'int';
  const isArr = (t: Term) => t.sort.kind === 'array';
  const reaches = (arr: Term): boolean => {
    let r = over.get(arr.id);
    if (r !== undefined) return r;
    // (also an array of arrays holding one — the trace's memory snapshots, whose element at a
    // call is a copy loop's havoc memory on the paths through it — and an array read from
    // such an array: bitmap_alloc `report`'s writeln string, read from `snapU[1]`, missed its
    // instances and its calls part was sat)
    r =
      havoc.has(arr.id) ||
      (arr.kind === 'constArray' && isArr(arr.value) && reaches(arr.value)) ||
      (arr.kind === 'app' &&
        (arr.op === 'store' ? reaches(arr.args[0]!) || (isArr(arr.args[2]!) && reaches(arr.args[2]!))
        : arr.op === 'ite' ? reaches(arr.args[1]!) || reaches(arr.args[2]!)
        : arr.op === 'select' ? isArr(arr) && isLit(arr.args[1]!) && reaches(arr.args[0]!)
        : false)) ||
      // a lambda (a poison array of the semantics: symbolic-memory.ts) reading one in its body
      (arr.kind === 'lambda' && lambdaReads(arr));
    over.set(arr.id, r);
    return r;
  };
  const lambdaReads = (lam: Term): boolean => {
    let found = false;
    walk([lam], (t) => {
      if (!found && t.kind === 'app' && t.op === 'select' && reaches(t.args[0]!)) found = true;
    }, () => !found);
    return found;
  };
  const memo = new Map<string, Term>();
  const sel = (arr: Term, idx: Term): Term => {
    const key = `${arr.id}:${idx.id}`;
    const hit = memo.get(key);
    if (hit) return hit;
    let r: Term;
    if (!reaches(arr)) r = F.select(arr, idx);
    else if (arr.kind === 'constArray') r = arr.value;
    else if (arr.kind === 'app' && arr.op === 'select') {
      const inner = sel(arr.args[0]!, arr.args[1]!);
      r = inner.id === arr.id ? F.select(arr, idx) : sel(inner, idx);
    }
    else if (arr.kind === 'app' && arr.op === 'ite') r = F.ite(arr.args[0]!, sel(arr.args[1]!, idx), sel(arr.args[2]!, idx));
    // a lambda's read is its body at the index (the factory beta-reduces it), whose own reads
    // are pushed in turn
    else if (arr.kind === 'lambda') r = rewriteTerms(F, [F.select(arr, idx)], { onApp: (x, args) => (x.op === 'select' && reaches(args[0]!) ? sel(args[0]!, args[1]!) : undefined) })[0]!;
    else if (arr.kind === 'app' && arr.op === 'store') {
      const [inner, i, v] = arr.args as [Term, Term, Term];
      if (i.id === idx.id) r = v;
      else if (isLit(i) && isLit(idx)) r = sel(inner, idx);
      // (a memory of the trace at a position not known here: left as it is — fewer instances
      // only add models — where an ite over every later call would multiply the instances)
      else if (isArr(v)) r = F.select(arr, idx);
      else r = F.ite(F.eq(idx, i), v, sel(inner, idx));
    } else r = F.select(arr, idx);
    memo.set(key, r);
    return r;
  };
  return rewriteTerms(F, roots, { onApp: (x, args) => (x.op === 'select' && reaches(args[0]!) ? sel(args[0]!, args[1]!) : undefined) });
}

/** The instances of every C_j at the addresses the terms read the havoc memories at: reads
 *  pushed through stores and array ites first (exact), then one equation per read; the instances' own reads
 *  of earlier loops' havoc memories get theirs in turn. The `base` terms (assertions) get
 *  their instances as further assertions; each of `parts` (checked one at a time against the
 *  base) gets the instances only it needs as a conjunct — the same facts, asserted where
 *  they are used (with no base, every instance a part needs; `transitive` false: only at the
 *  reads of the terms themselves). `fix` brings a relation's terms into the query's form (its substitutions
 *  and unit propagation, which replace terms by equal ones). */
export function instantiateCopies(F: TermFactory, rels: CopyRel[], base: Term[], parts: Term[], fix: (t: Term) => Term, transitive = true): { base: Term[]; parts: Term[] } {
  if (rels.length === 0) return { base, parts };
  const byArr = new Map<number, { rel: CopyRel; rhs: (x: Term, i: Term) => Term }>();
  for (const r of rels) for (const e of r.eqs) byArr.set(e.arr.id, { rel: r, rhs: e.rhs });
  const havoc = new Set(byArr.keys());
  const ex = pushReads(F, [...base, ...parts], havoc);
  const made = new Map<number, Term>(); // select term id -> its instance
  /** The instances the roots need (transitively), not already in `have`. */
  const need = (roots: Term[], have: Set<number>): Term[] => {
    const out: Term[] = [];
    let todo = roots;
    while (todo.length) {
      const next: Term[] = [];
      walk(todo, (t) => {
        if (t.kind !== 'app' || t.op !== 'select' || have.has(t.id)) return;
        const hit = byArr.get(t.args[0]!.id);
        if (!hit) return;
        have.add(t.id);
        let inst = made.get(t.id);
        if (!inst) made.set(t.id, (inst = pushReads(F, [F.eq(t, fix(hit.rhs(t.args[1]!, hit.rel.iv)))], havoc)[0]!));
        out.push(inst);
        if (transitive) next.push(inst);
      });
      todo = next;
    }
    return out;
  };
  const inBase = new Set<number>();
  const baseEx = ex.slice(0, base.length);
  const baseInst = need(baseEx, inBase);
  return {
    base: [...baseEx, ...baseInst],
    parts: ex.slice(base.length).map((p) => {
      const own = need([p], new Set(inBase));
      return own.length ? F.and(p, ...own) : p;
    }),
  };
}
