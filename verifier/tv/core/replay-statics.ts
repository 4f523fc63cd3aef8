// The statics a replayed run leaves (gaps engineer). A static is memory both sides see
// (memory.ts: argument blocks and statics), so the refinement compares its final elements and
// the solver's model may differ only there: a function storing a wrong value into a static
// array. The replay compared argument blocks, results and output only, so such a model read
// "engine bug: counterexample did not replay"; now the statics are compared too: Core's
// elements (int and char: the statics core-to-mlir maps, statics.ts) against the
// little-endian bytes of the MLIR global `@static.<name>` after the target's run. A span
// result into a static is compared as one into an argument block (results.ts), with the
// static's Core block and its global as the pair (`staticBlocks`). And the replay starts
// from the model's statics (`modelStatics`): for a function other than the entry, the query
// takes a static nothing writes as its initializer but a written one as any contents equal
// on both sides (semantics/symbolic/function.ts entryMemory), so a model may need other
// contents than the initializer's to show its difference.
import type { CoreProgram, StaticData } from '../../../compiler/core/core.ts';
import type { Value } from '../../semantics/values.ts';
import type { SpanV } from '../../semantics/values.ts';
import type { Block } from '../../semantics/memory.ts';
import type { CBlock, ConcreteMemory } from '../../semantics/mlir/concrete-memory.ts';
import type { ModuleInfo } from '../../semantics/mlir/module-info.ts';
import { cellBits } from './floats.ts';
import type { Model } from '../../smt/model.ts';
import { evaluateQ } from '../../semantics/symbolic/evalq.ts';
import { cellsOf, leavesOf } from '../../semantics/symbolic/memory.ts';
import { I64 } from '../../semantics/symbolic/domain.ts';
import { norm } from '../../semantics/concrete.ts';
import type { Width } from '../../semantics/domain.ts';
import type { CoreQuery } from './query.ts';

/** The first element of a static whose final contents differ between Core's run (`statics`,
 *  as runFunctionWithStatics left them) and the target's memory, or null. A poison byte on
 *  the target's side differs from every Core value. Statics core-to-mlir does not map (other
 *  element types, no global, another size) are not compared (a function naming one is
 *  unsupported before any solving: statics.ts). */
export function staticDifference(prog: CoreProgram, statics: ReadonlyMap<string, SpanV>, memory: ConcreteMemory, info: ModuleInfo): string | null {
  for (const s of prog.statics) {
    if (s.elem.kind !== 'int' && s.elem.kind !== 'char') continue;
    const name = `static.${s.name}`;
    const g = info.globals.get(name);
    const core = statics.get(s.name);
    if (!g || !core) continue;
    const sz = (s.elem.kind === 'int' ? s.elem.bits : 32) / 8;
    if (g.size !== core.block.size * sz) continue;
    const blk = memory.blocks.get(Number(memory.global(name).bid));
    if (!blk) continue;
    for (let i = 0; i < core.block.size; i++) {
      const want = cellBits(s.elem, core.block.cells.get(i), sz);
      let got = 0n;
      let poison = false;
      for (let k = sz - 1; k >= 0; k--) {
        const b = memory.readByte(blk, BigInt(i * sz + k));
        poison ||= b.poison;
        got = (got << 8n) | BigInt(b.byte);
      }
      if (poison) return `element ${i} of static ${s.name}: Core ${want}, MLIR poison after the call`;
      if (got !== want) return `element ${i} of static ${s.name}: Core ${want}, MLIR ${got} after the call`;
    }
  }
  return null;
}

/** Core's static blocks (as the run left them) with the MLIR globals that hold them, for
 *  comparing a returned span or pointer into a static (results.ts spanResultDifference). */
export function staticBlocks(prog: CoreProgram, statics: ReadonlyMap<string, SpanV>, memory: ConcreteMemory, info: ModuleInfo): { core: Block; mlir: CBlock }[] {
  const out: { core: Block; mlir: CBlock }[] = [];
  for (const s of prog.statics) {
    const core = statics.get(s.name);
    const name = `static.${s.name}`;
    if (!core || !info.globals.has(name)) continue;
    const mlir = memory.blocks.get(Number(memory.global(name).bid));
    if (mlir) out.push({ core: core.block, mlir });
  }
  return out;
}

/** The statics' contents at entry in the model (int and char elements, the statics
 *  core-to-mlir maps), for both sides of the replay: Core's values by name, and the same as
 *  the little-endian bytes of `@static.<name>` (`writeStatics`). A static whose contents the
 *  model does not give is left out (the replay keeps its initializer). */
export function modelStatics(q: CoreQuery, model: Model): Map<string, bigint[]> {
  const { F, D, facts, prog } = q.shared;
  const out = new Map<string, bigint[]>();
  // a copy: cellsOf caches the initial arrays in the memory it reads
  const m0 = { ...q.core.initialMemory, cells: new Map(q.core.initialMemory.cells) };
  const memo = new Map();
  for (const s of prog.statics) {
    if (s.elem.kind !== 'int' && s.elem.kind !== 'char') continue;
    const info = facts.statics.get(s.name);
    const leaf = leavesOf(prog.types, D, s.elem)[0];
    if (!info || !leaf) continue;
    const row = F.select(cellsOf(m0, leaf.key), F.bv(info.id, 32));
    const w = widthOfStatic(s);
    const values: bigint[] = [];
    try {
      for (let i = 0; i < s.values.length; i++) {
        const v = evaluateQ(F.select(row, D.lit(BigInt(i), I64)), model, memo);
        if (typeof v !== 'bigint') break;
        values.push(norm(v, w));
      }
    } catch {
      continue; // the model does not give them (the query never reads the static)
    }
    if (values.length === s.values.length) out.set(s.name, values);
  }
  return out;
}

/** The model's statics (`modelStatics`) written into the target's globals. */
export function writeStatics(prog: CoreProgram, values: ReadonlyMap<string, bigint[]>, memory: ConcreteMemory, info: ModuleInfo): void {
  for (const s of prog.statics) {
    const vs = values.get(s.name);
    const name = `static.${s.name}`;
    if (!vs || !info.globals.has(name) || (s.elem.kind !== 'int' && s.elem.kind !== 'char')) continue;
    const blk = memory.blocks.get(Number(memory.global(name).bid));
    const sz = (s.elem.kind === 'int' ? s.elem.bits : 32) / 8;
    if (!blk || blk.size !== BigInt(vs.length * sz)) continue;
    vs.forEach((v, i) => {
      const x = cellBits(s.elem, v, sz);
      for (let j = 0; j < sz; j++) memory.writeByte(blk, BigInt(i * sz + j), Number((x >> BigInt(8 * j)) & 0xffn), false);
    });
  }
}

function widthOfStatic(s: StaticData): Width {
  return s.elem.kind === 'int' ? { bits: s.elem.bits, signed: s.elem.signed } : { bits: 32, signed: false };
}

/** Element i of an int or char static as the program starts (the reference interpreter's
 *  constValue): to show which statics a counterexample starts otherwise. */
export function initialElement(s: StaticData, i: number): bigint {
  const v = s.values[i] ?? null;
  const n = v === null ? 0n : typeof v === 'string' ? BigInt(v.codePointAt(0) ?? 0) : typeof v === 'boolean' ? BigInt(v) : typeof v === 'number' ? BigInt(Math.trunc(v)) : v;
  return norm(n, widthOfStatic(s));
}

/** The arguments the model places in a static (arguments.ts: a span or pointer parameter may
 *  be a static of its element type — one the function names, or one a callee writes): each
 *  such argument's block, built by concreteArgs as a block of its own with the static's id,
 *  with the static's name. The replay runs both sides with the argument in the static itself
 *  (`bindPlacedStatics`, and the global in replay.ts mlirInputs); a copy of its own hides the
 *  writes made through the static's name (review 21: "engine bug: counterexample did not
 *  replay" for a real difference). */
export function placedStatics(q: CoreQuery, args: Value[]): Map<Block, string> {
  const byId = new Map<number, string>();
  for (const [name, info] of q.shared.facts.statics) byId.set(Number(info.id), name);
  const out = new Map<Block, string>();
  for (const a of args) {
    if (a === null || typeof a !== 'object' || Array.isArray(a) || (a.kind !== 'span' && a.kind !== 'ptr')) continue;
    const name = byId.get(a.block.id);
    if (name !== undefined && a.block.kind === 'static') out.set(a.block, name);
  }
  return out;
}

/** Points the arguments `placedStatics` found at the run's own static blocks. */
export function bindPlacedStatics(args: Value[], placed: ReadonlyMap<Block, string>): (statics: ReadonlyMap<string, SpanV>) => void {
  return (statics) => {
    for (const a of args) {
      if (a === null || typeof a !== 'object' || Array.isArray(a) || (a.kind !== 'span' && a.kind !== 'ptr')) continue;
      const name = placed.get(a.block);
      const s = name === undefined ? undefined : statics.get(name);
      if (s) a.block = s.block;
    }
  };
}
