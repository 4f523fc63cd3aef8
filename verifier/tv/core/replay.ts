// Counterexample replay for Core -> MLIR: the model's arguments run concretely on both
// sides — the Core function in the reference interpreter (checks on: a run that stops at an
// obligation is not a counterexample), the MLIR function in the MLIR interpreter with the
// runtime library's models. Callees run with their bodies on both sides. Only an observable
// difference (result scalars, stdout, undefined behaviour or an exit on the target side)
// makes `refuted`.
import { insideArena, INSIDE_ARENA_REPLAY } from './arena-span-lift.ts';
import type { CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import type { Module } from '../../../compiler/mlir/ir.ts';
import type { Type, TypeTable } from '../../../compiler/types/types.ts';
import type { Model } from '../../smt/model.ts';
import type { Term } from '../../smt/term.ts';
import { runFunctionWithStatics } from '../../semantics/run.ts';
import { formatViolation } from '../../semantics/violation.ts';
import type { PtrV, SpanV, Value } from '../../semantics/values.ts';
import type { Block } from '../../semantics/memory.ts';
import { concreteArgs, showValue } from '../../semantics/symbolic/replay.ts';
import { casePayloadTypes, recordFields } from '../../semantics/symbolic/values.ts';
import { UBError, ZERO_SOURCE, type CBlock, type ConcreteMemory } from '../../semantics/mlir/concrete-memory.ts';
import { ARG_BASE } from '../../semantics/mlir/memory.ts';
import { moduleInfo } from '../../semantics/mlir/module-info.ts';
import { DepthLimit, programMemory, runMlir, StepLimit, type CVal } from '../../semantics/mlir/interp.ts';
import { ProgramExit } from '../../semantics/mlir/runtime.ts';
import { flatten, slotsOf, Unsupported, unflatten, type Scalar } from '../../semantics/mlir/values.ts';
import { floatBits } from '../../semantics/symbolic/domain.ts';
import type { FuncInfo } from '../../semantics/mlir/module-info.ts';
import type { Counterexample } from '../verdict.ts';
import { undefConfirmed } from '../replay.ts';
import type { CoreQuery } from './query.ts';
import { coreConcreteParts, resultDifference, stringInputs, type StringInputs } from './replay-strings.ts';
import { holdsStrings } from './strings.ts';
import { cellBits, floatSlots, sameCellBits } from './floats.ts';
import { isRecordElement, leafBitsOf, recordReplayBlocks, recordSpanScalars, type ReplayBlock } from './records.ts';
import { spanResultDifference } from './results.ts';
import { arenaCounterDifference, arenaReplayInput, staleArenaBytes, type ArenaInput } from './arenas.ts';
import type { ArenaObj } from '../../semantics/memory.ts';
import { memoryParam } from './scope.ts';
import { sameFloatBits } from '../../semantics/symbolic/floats.ts';
import { bindPlacedStatics, initialElement, modelStatics, placedStatics, staticBlocks, staticDifference, writeStatics } from './replay-statics.ts';
import { REPLAY_LIMIT } from './replay-limits.ts';
import { cellsFromTargetBytes, staticsFromTargetBytes } from './replay-cells.ts';
import { modelSlot } from './replay-inactive.ts';
import { sealedStartNote } from './replay-sealed.ts';
import { SEALED } from '../sealed-globals.ts';
import { divergenceWatch, neverReturns } from './diverges-watch.ts';
import { Diverges } from '../lasso-replay.ts';

const MAX_STEPS = 2_000_000;

/** A concrete Core value as core-to-mlir's scalars (unsigned bits), `null` for the fields of
 *  an inactive union case (not compared). */
export function concreteSlots(types: TypeTable, ty: Type, v: Value, active = true, out: (bigint | null)[] = []): (bigint | null)[] {
  switch (ty.kind) {
    case 'int':
      out.push(active ? BigInt.asUintN(ty.bits, v as bigint) : null);
      return out;
    case 'char':
      out.push(active ? BigInt.asUintN(32, v as bigint) : null);
      return out;
    case 'bool':
      out.push(active ? (v ? 1n : 0n) : null);
      return out;
    case 'float':
      out.push(active ? floatBits(v as number, ty.bits) : null);
      return out;
    case 'unit':
      return out;
    case 'tuple':
    case 'record': {
      const fs = recordFields(types, ty);
      fs.forEach((f, i) => concreteSlots(types, f, active ? (v as Value[])[i]! : null, active, out));
      return out;
    }
    case 'union': {
      const c = v as { tag: number; payload: Value[] } | null;
      out.push(active && c ? BigInt(c.tag) : null);
      casePayloadTypes(types, ty).forEach((p, j) => {
        const on = active && c !== null && c.tag === j;
        p.forEach((f, i) => concreteSlots(types, f, on ? c!.payload[i]! : null, on, out));
      });
      return out;
    }
    default:
      throw new Unsupported(`replay of a ${ty.kind} value`);
  }
}

type Outcome = { kind: 'return'; slots: (bigint | null)[]; stdout: string } | { kind: 'stop'; what: string; stdout: string };

const hex = (x: bigint | null) => (x === null ? '-' : x.toString());

/** Arenas of more bytes than this are not replayed (core-memory engineer). */
const MAX_REPLAY_ARENA = 1 << 20;

export function replayCoreCounterexample(
  prog: CoreProgram,
  fn: CoreFn,
  module: Module,
  fi: FuncInfo,
  q: CoreQuery,
  model: Model,
  watch = false, // the target's loop heads for a repeated state (diverges.ts)
): { kind: 'refuted'; cex: Counterexample } | { kind: 'no'; why: string } {
  const first = replayOnce(prog, fn, module, fi, q, model, false, watch);
  if (first.kind === 'refuted' || !first.why.startsWith(SAME)) return first;
  // the argument blocks' cells from the target's bytes (replay-cells.ts), when they differ
  const second = replayOnce(prog, fn, module, fi, q, model, true, watch);
  if (second.kind === 'refuted') return second;
  // a private global of the target's the model starts otherwise than the program does
  // (replay-sealed.ts)
  const sealed = sealedStartNote(q, model);
  return sealed ? { kind: 'no', why: `${SEALED}${sealed}; ${first.why}` } : first;
}

const SAME = 'both sides behave the same';

function replayOnce(
  prog: CoreProgram,
  fn: CoreFn,
  module: Module,
  fi: FuncInfo,
  q: CoreQuery,
  model: Model,
  fromTargetBytes: boolean,
  watch = false,
): { kind: 'refuted'; cex: Counterexample } | { kind: 'no'; why: string } {
  // a span parameter inside the arena's block (arena-span-lift.ts): not a configuration the
  // replay builds, so the model refutes nothing
  if (insideArena.has(q.core)) return { kind: 'no', why: `${REPLAY_LIMIT}${INSIDE_ARENA_REPLAY}` };
  let args: Value[];
  let main: MlirInputs;
  let undefInputs: MlirInputs; // undef engineer: the same inputs for the re-run (undefConfirmed)
  let sin: StringInputs = { stdin: '', argv: null }; // --- strings (core-strings)
  let stInit = new Map<string, bigint[]>(); // gaps engineer: the model's statics (replay-statics.ts)
  let placed = new Map<Block, string>(); // arguments in a static (replay-statics.ts placedStatics)
  let changed = false; // the second try changed a cell (replay-cells.ts)
  const inactiveUsed = new Map<number, bigint>(); // MLIR argument slots of inactive union cases
  const minfo = moduleInfo(module); // gaps engineer: the globals of the statics
  try {
    try {
      // symExecFunction's initialMemory may hold the cells of stores made before the first
      // branch (its state starts as that very object): rebuild the cells from `init`
      const clean = { ...q.core, initialMemory: { ...q.core.initialMemory, cells: new Map<string, Term>() } };
      args = concreteArgs(q.shared, clean, model);
      if (fromTargetBytes) changed = cellsFromTargetBytes(q, model, args);
      sin = stringInputs(q, model, fn, args); // --- strings (core-strings)
    } catch (e) {
      // the model's inputs cannot be built (a block too large to replay...): not a replay
      // (gaps engineer: a size limit of the replay is named as one: replay-limits.ts)
      if (e instanceof Error && !(e instanceof Unsupported)) return { kind: 'no', why: (e as { tooLarge?: boolean }).tooLarge === true ? `${REPLAY_LIMIT}${e.message}` : `replay: ${e.message}` };
      throw e;
    }
    // the MLIR arguments and memory are built from Core's concrete arguments (before Core runs
    // and changes its blocks): the correspondence of arguments.ts, concretely
    const stale = staleArenaBytes(q.core, model);
    stInit = modelStatics(q, model);
    if (fromTargetBytes) changed = staticsFromTargetBytes(q, model, prog, stInit) || changed;
    if (fromTargetBytes && !changed) return { kind: 'no', why: 'no cell differs' };
    placed = placedStatics(q, args);
    const fromModel = modelSlot(q, model); // inactive union fields (replay-inactive.ts)
    const inactive = (i: number): bigint | undefined => {
      const v = fromModel(i);
      if (v !== undefined && v !== 0n) inactiveUsed.set(i, v);
      return v;
    };
    main = mlirInputs(prog, fn, module, fi, args, [], stale, false, stInit, placed, inactive);
    // undef engineer: built now too, while Core's blocks are as the model gave them
    undefInputs = mlirInputs(prog, fn, module, fi, args, [], stale, true, stInit, placed, inactive);
  } catch (e) {
    if (e instanceof Unsupported) return { kind: 'no', why: e.message.startsWith(REPLAY_LIMIT) ? e.message : `replay: ${e.message}` }; // gaps engineer: REPLAY_LIMIT
    throw e;
  }
  // core-memory engineer: the interpreters fill fresh memory byte by byte (clef_zero_S in the
  // target since the code generator zeroes allocations): an arena of the model's favourite
  // size (2^40 bytes) would take hours to replay
  const huge = main.arenaIns.find((a) => a.arena.capacity > MAX_REPLAY_ARENA);
  if (huge) return { kind: 'no', why: `${REPLAY_LIMIT}its arena holds ${huge.arena.capacity} bytes (more than ${MAX_REPLAY_ARENA} are not replayed)` }; // gaps engineer: REPLAY_LIMIT
  // the inputs as they are before either side runs (Core changes its blocks in place)
  const inputs = fn.params.map((p, i) => {
    const a = args[i]!;
    const st = a !== null && typeof a === 'object' && !Array.isArray(a) && (a.kind === 'span' || a.kind === 'ptr') ? placed.get(a.block) : undefined;
    return { name: p.name, value: `${showValue(a)}${st === undefined ? '' : ` (in static ${st})`}` };
  });
  if (inactiveUsed.size) inputs.push({ name: 'MLIR argument slots of inactive union cases', value: [...inactiveUsed].map(([i, v]) => `slot ${i} = ${v}`).join(', ') });
  // gaps engineer: statics the model starts from other contents than their initializers
  for (const st of prog.statics) {
    const vs = stInit.get(st.name);
    if (vs && vs.some((v, i) => v !== initialElement(st, i))) inputs.push({ name: `static ${st.name}`, value: `[${vs.join('; ')}]` });
  }
  // Core, all obligations checked
  let out = '';
  // (gaps engineer: with the statics it leaves, compared below: replay-statics.ts)
  const { result: r, statics: coreStatics } = runFunctionWithStatics(prog, fn.name, args, { checks: true, stdin: sin.stdin, write: (s) => (out += s), maxSteps: MAX_STEPS }, stInit, bindPlacedStatics(args, placed));
  // gaps engineer: the interpreter's own limits are the replay's (replay-limits.ts)
  if ('violation' in r && (r.violation.category === 'step limit' || r.violation.category === 'stack overflow')) return { kind: 'no', why: `${REPLAY_LIMIT}the Core run stops: ${formatViolation(r.violation)}` };
  if ('violation' in r) return { kind: 'no', why: `the Core run stops: ${formatViolation(r.violation)} (not a counterexample: the refinement assumes no failing obligation)` };
  // core-memory engineer: a span or pointer result is compared by results.ts
  const spanResult = memoryParam(fn.ret);
  // strings: a result holding strings is compared by replay-strings.ts
  const strings = holdsStrings(prog.types, fn.ret);
  const src: Outcome = { kind: 'return', slots: spanResult || strings ? [] : concreteSlots(prog.types, fn.ret, r.value), stdout: out };
  // ---- undef (begin): undef engineer — the MLIR run and the comparison, once with the
  // inputs as built and, where the target computed with memory nobody wrote, once more with
  // such reads as defined values (undefConfirmed, shared with the MLIR -> MLIR replay)
  type Replayed = { kind: 'refuted'; cex: Counterexample } | { kind: 'no'; why: string };
  const targetRun = (inp: MlirInputs): { res: Replayed; freshUse?: string } => {
    const { mlirArgs, memory, blocks, arenaIns } = inp;
    let freshUse: string | undefined;
    let tgtScalars: Scalar<bigint, boolean>[] = [];
    let strDiff: string | null = null; // --- strings (core-strings)
    let tgt: Outcome;
    try {
      // (watched only in the first run: the second chooses values for undef, from a counter
      // no fingerprint holds)
      const watching = watch && inp === main ? { watch: divergenceWatch(memory) } : {};
      const m = runMlir(module, fi.name, mlirArgs, memory, { maxSteps: MAX_STEPS, stdin: sin.stdin, ...(sin.argv ? { argv: sin.argv } : {}), onFreshUse: (op) => (freshUse ??= op.name), ...watching });
      tgtScalars = m.values.flatMap((v) => flatten(v));
      if (strings) strDiff = resultDifference(coreConcreteParts(prog.types, fn.ret, r.value), tgtScalars, memory); // --- strings (core-strings)
      const rs = tgtScalars.map((s) => (s.kind === 'ptr' ? null : s.poison ? null : s.v));
      tgt = { kind: 'return', slots: rs, stdout: Buffer.from(m.io.stdout).toString('utf8') };
    } catch (e) {
      // a target back at a loop head in an earlier state (watch: diverges-watch.ts)
      if (e instanceof Diverges) tgt = { kind: 'stop', what: neverReturns(e), stdout: '' };
      // a target recursing without end (a mutant's swapped base case, review 22): the
      // interpreter's call-depth limit (interp.ts DepthLimit, the JS stack running out too)
      else if (e instanceof DepthLimit) return { res: { kind: 'no', why: `${REPLAY_LIMIT}the MLIR run recurses deeper than the interpreter's stack allows (${e.message})` } };
      else if (e instanceof StepLimit) return { res: { kind: 'no', why: `${REPLAY_LIMIT}the MLIR run takes more than ${MAX_STEPS} steps` } }; // gaps engineer: REPLAY_LIMIT
      else if (e instanceof UBError) tgt = { kind: 'stop', what: `undefined behaviour: ${e.what}`, stdout: '' };
      else if (e instanceof ProgramExit) tgt = { kind: 'stop', what: `the program exits with code ${e.code}`, stdout: '' };
      else if (e instanceof Unsupported) return { res: { kind: 'no', why: `replay: ${e.message}` } };
      else throw e;
    }
    const res = compareRun(tgt, tgtScalars, strDiff, memory, blocks, arenaIns);
    return freshUse ? { res, freshUse } : { res };
  };
  // ---- undef (end)
  const compareRun = (tgt: Outcome, tgtScalars: Scalar<bigint, boolean>[], strDiff: string | null, memory: ConcreteMemory, blocks: ReplayBlock[], arenaIns: ArenaInput[]): Replayed => {
    const show = (o: Outcome) => (o.kind === 'return' ? `returns (${o.slots.map(hex).join(', ')})${o.stdout ? `, prints ${JSON.stringify(o.stdout)}` : ''}` : o.what);
    // the argument blocks after the call, element by element, on each side
    const elems = (side: 'core' | 'mlir') =>
      blocks.map((b, k) => {
        const xs: string[] = [];
        for (let i = 0; i < Math.min(b.core.size, 16); i++) {
          if (side === 'core') xs.push(String(b.leaf !== undefined ? leafBitsOf(prog.types, b.core.elem, b.core.cells.get(i), b.leaf, b.sz) : cellBits(b.core.elem, b.core.cells.get(i), b.sz))); // floats, records: core-memory engineer
          else {
            let got = 0n;
            for (let j = b.sz - 1; j >= 0; j--) got = (got << 8n) | BigInt(memory.readByte(b.mlir, BigInt(i * b.sz + j)).byte);
            xs.push(String(got));
          }
        }
        return `; argument block ${k} after: [${xs.join('; ')}${b.core.size > 16 ? '; ...' : ''}]`;
      }).join('');
    const cex = (difference: string): { kind: 'refuted'; cex: Counterexample } => ({
      kind: 'refuted',
      cex: { inputs, memory: [], src: `Core ${show(src)}${elems('core')}`, tgt: `MLIR ${show(tgt)}${tgt.kind === 'return' ? elems('mlir') : ''}`, difference },
    });
    if (tgt.kind === 'stop') return cex(`the MLIR function ${tgt.what}; Core returns`);
    if (strDiff) return cex(strDiff); // --- strings (core-strings)
    if (spanResult) {
      // gaps engineer: a span into a static too (replay-statics.ts; was "engine bug")
      const d = spanResultDifference(r.value, tgtScalars, [...blocks, ...staticBlocks(prog, coreStatics, memory, minfo)], memory, arenaIns);
      if (d) return cex(d);
    }
    const ad = arenaCounterDifference(memory, arenaIns);
    if (ad && tgt.kind === 'return') return cex(ad);
    const fslots = floatSlots(prog.types, fn.ret);
    for (let i = 0; i < src.slots.length; i++) {
      const a = src.slots[i]!;
      const b = tgt.slots[i];
      if (a === null) continue;
      if (b === null || b === undefined) return cex(`result scalar ${i}: Core ${a}, MLIR poison or missing`);
      // core-memory engineer: floats up to NaN (a Core NaN is one JS number)
      const fw = fslots[i];
      if (fw ? !sameFloatBits(a, b, fw) : a !== b) return cex(`result scalar ${i}: Core ${a}, MLIR ${b}`);
    }
    for (const b of blocks) {
      for (let i = 0; i < b.core.size; i++) {
        const want = b.leaf !== undefined ? leafBitsOf(prog.types, b.core.elem, b.core.cells.get(i), b.leaf, b.sz) : cellBits(b.core.elem, b.core.cells.get(i), b.sz); // floats, records: core-memory engineer
        let got = 0n;
        for (let k = b.sz - 1; k >= 0; k--) got = (got << 8n) | BigInt(memory.readByte(b.mlir, BigInt(i * b.sz + k)).byte);
        // a poison byte is no Core value whatever its bits (memory.ts elementPoison; review 31)
        if (Array.from({ length: b.sz }, (_, k) => memory.readByte(b.mlir, BigInt(i * b.sz + k)).poison).some((x) => x)) return cex(`element ${i} of an argument block: Core ${want}, MLIR poison after the call`);
        if (b.leaf !== undefined ? want !== got : !sameCellBits(b.core.elem, want, got)) return cex(`element ${i} of an argument block: Core ${want}, MLIR ${got} after the call`);
      }
    }
    // gaps engineer: the statics both sides see (was "engine bug: ... did not replay")
    const sd = tgt.kind === 'return' ? staticDifference(prog, coreStatics, memory, minfo) : null;
    if (sd) return cex(sd);
    if (src.stdout !== tgt.stdout) return cex(`the output differs: Core ${JSON.stringify(src.stdout)}, MLIR ${JSON.stringify(tgt.stdout)}`);
    return { kind: 'no', why: `${SAME} on the model's arguments (${inputs.map((x) => `${x.name} = ${x.value}`).join(', ')})` };
  };
  const first = targetRun(main);
  return undefConfirmed(first.res, first.freshUse, () => targetRun(undefInputs).res);
}

/** The MLIR arguments of Core's concrete arguments: scalars by concreteSlots, a span or
 *  pointer as a memref over an argument block holding the Core block's elements. */
type MlirInputs = { mlirArgs: CVal[]; memory: ConcreteMemory; blocks: ReplayBlock[]; arenaIns: ArenaInput[] };

/** `undefValues` (undef engineer): reads of memory nobody wrote give defined values.
 *  `inactive`: the value of an argument slot that no Core value fixes (a field of an inactive
 *  union case: replay-inactive.ts), 0 where it gives none. */
function mlirInputs(prog: CoreProgram, fn: CoreFn, module: Module, fi: FuncInfo, args: Value[], arenaIns: ArenaInput[] = [], stale: Map<bigint, number>[] = [], undefValues = false, statics: ReadonlyMap<string, bigint[]> = new Map(), placed: ReadonlyMap<Block, string> = new Map(), inactive: (slot: number) => bigint | undefined = () => undefined): MlirInputs {
  const memory = programMemory(moduleInfo(module), undefined, undefValues);
  writeStatics(prog, statics, memory, moduleInfo(module)); // gaps engineer: the model's statics
  const blocks: ReplayBlock[] = [];
  let argBlock = 0; // --- strings (core-strings): argument blocks in slot order
  const scalars: Scalar<bigint, boolean>[] = [];
  const int = (v: bigint): Scalar<bigint, boolean> => ({ kind: 'int', w: 64, v: BigInt.asUintN(64, v), poison: false });
  fn.params.forEach((p, i) => {
    const v = args[i]!;
    // strings: a string in an argument block of its own; the command line's window
    if (p.ty.kind === 'string') {
      const bytes = new TextEncoder().encode(v as string);
      // read-only: it may be a literal (arguments.ts linkStringParam)
      const mlir = memory.addBlock({ bid: ARG_BASE + argBlock++, kind: 'arg', size: BigInt(bytes.length), alive: true, readonly: true, freeable: false, observable: true, source: ZERO_SOURCE });
      bytes.forEach((x, k) => memory.writeByte(mlir, BigInt(k), x, false));
      const ptr: Scalar<bigint, boolean> = { kind: 'ptr', bid: BigInt(mlir.bid), off: 0n, poison: false };
      scalars.push(ptr, { ...ptr }, int(0n), int(BigInt(bytes.length)), int(1n));
      return;
    }
    if (p.ty.kind === 'span' && p.ty.elem.kind === 'string') {
      const sp = v as SpanV;
      scalars.push(int(BigInt(sp.offset)), int(BigInt(sp.length)));
      return;
    }
    // core-memory engineer: an arena as its byte block and its counter (arenas.ts)
    if (p.ty.kind === 'arena') {
      const a = arenaReplayInput(memory, v as ArenaObj, ARG_BASE + argBlock, ARG_BASE + argBlock + 1, stale[arenaIns.length]);
      argBlock += 2;
      arenaIns.push(a.input);
      scalars.push(...a.scalars);
      return;
    }
    // core-memory engineer: a span or pointer of records, one block per leaf (records.ts)
    if ((p.ty.kind === 'ptr' || p.ty.kind === 'span') && isRecordElement(prog.types, p.ty.elem)) {
      const r = v as SpanV | PtrV;
      let bs = blocks.filter((x) => x.core === r.block);
      if (!bs.length) {
        bs = recordReplayBlocks(prog.types, memory, r.block, p.ty.elem, ARG_BASE + argBlock);
        argBlock += bs.length;
        blocks.push(...bs);
      }
      scalars.push(...recordSpanScalars(bs, r.offset, r.kind === 'span' ? r.length : r.block.size - r.offset));
      return;
    }
    if (p.ty.kind === 'ptr' || p.ty.kind === 'span') {
      const r = v as SpanV | PtrV;
      const elem = p.ty.elem;
      if (elem.kind !== 'int' && elem.kind !== 'char' && elem.kind !== 'float' && elem.kind !== 'bool') throw new Unsupported(`replay of memory holding ${elem.kind}`);
      const sz = elem.kind === 'bool' ? 1 : (elem.kind === 'int' || elem.kind === 'float' ? elem.bits : 32) / 8; // float, bool: core-memory engineer
      let b = blocks.find((x) => x.core === r.block);
      const st = placed.get(r.block);
      if (!b && st !== undefined) {
        // in a static: a memref over its global (compared as a static after the run)
        const g = memory.global(`static.${st}`);
        const ptr: Scalar<bigint, boolean> = { kind: 'ptr', bid: g.bid, off: 0n, poison: false };
        scalars.push(ptr, { ...ptr }, int(BigInt(r.offset)), int(BigInt(r.kind === 'span' ? r.length : r.block.size - r.offset)), int(1n));
        return;
      }
      if (!b) {
        const mlir = memory.addBlock({ bid: ARG_BASE + argBlock++, kind: 'arg', size: BigInt(r.block.size * sz), alive: true, readonly: false, freeable: false, observable: true, source: ZERO_SOURCE });
        for (let k = 0; k < r.block.size; k++) {
          const x = cellBits(elem, r.block.cells.get(k), sz); // floats: core-memory engineer
          for (let j = 0; j < sz; j++) memory.writeByte(mlir, BigInt(k * sz + j), Number((x >> BigInt(8 * j)) & 0xffn), false);
        }
        b = { core: r.block, mlir, sz };
        blocks.push(b);
      }
      const ptr: Scalar<bigint, boolean> = { kind: 'ptr', bid: BigInt(b.mlir.bid), off: 0n, poison: false };
      const len = r.kind === 'span' ? r.length : r.block.size - r.offset;
      scalars.push(ptr, { ...ptr }, int(BigInt(r.offset)), int(BigInt(len)), int(1n));
      return;
    }
    const slots = concreteSlots(prog.types, p.ty, v);
    for (const x of slots) scalars.push({ kind: 'int', w: 64, v: x ?? inactive(scalars.length) ?? 0n, poison: false });
  });
  // widths from the MLIR signature
  const want = fi.params.flatMap(slotsOf);
  if (want.length !== scalars.length) throw new Unsupported(`replay: ${scalars.length} argument scalars for ${want.length} MLIR slots`);
  const typed = scalars.map((x, i) => {
    const k = want[i]!;
    if (x.kind === 'ptr' || k.kind === 'ptr') return x;
    return { kind: k.kind, w: k.w, v: BigInt.asUintN(k.w, x.v), poison: false } as Scalar<bigint, boolean>;
  });
  const at = { i: 0 };
  return { mlirArgs: fi.params.map((t) => unflatten(t, typed, at)), memory, blocks, arenaIns };
}
