// The replay's second try: Core's initial cells of the argument blocks both sides see, taken
// from the target's initial bytes in the model. The query relates a Core cell and its bytes
// only at the indices Core's terms read (memory.ts indicesRead), so an element only the
// target reads (a mutant loading s.[top + 1] where Core loads s.[top - 1]) is free in Core's
// cells: the model's bytes there differ from what Core's row says (often one constant for
// the whole row), the replay built the target's memory from Core's cells, both sides read
// the same value and the model did not replay (`engine bug`, review 22). The correspondence
// holds at every index, so the bytes are the model's contents; where both are given they are
// equal. A try only: a refutation still needs a replayed difference.
import type { Model, ModelValue } from '../../smt/model.ts';
import type { Term } from '../../smt/term.ts';
import { evaluateQ } from '../../semantics/symbolic/evalq.ts';
import { norm } from '../../semantics/concrete.ts';
import { floatOfBits } from '../../semantics/symbolic/domain.ts';
import { intWidth } from '../../semantics/symbolic/values.ts';
import type { Value } from '../../semantics/values.ts';
import type { Block } from '../../semantics/memory.ts';
import { elementBytes } from './memory.ts';
import type { CoreQuery } from './query.ts';
import type { CoreProgram } from '../../../compiler/core/core.ts';

/** Blocks of more elements than this keep Core's cells (the replay's own limits apply). */
const MAX_CELLS = 4096;

/** Rewrites the cells of the argument blocks in `args` from the model's target bytes; true
 *  when some cell changed. A term the model cannot evaluate leaves its block as it was. */
export function cellsFromTargetBytes(q: CoreQuery, model: Model, args: Value[]): boolean {
  const F = q.shared.F;
  const D = q.pair.env.D;
  const memo = new Map<number, ModelValue>();
  const ev = (t: Term): ModelValue => evaluateQ(t, model, memo);
  const blocks = new Map<number, Block>();
  for (const a of args) if (a !== null && typeof a === 'object' && !Array.isArray(a) && (a.kind === 'span' || a.kind === 'ptr')) blocks.set(a.block.id, a.block);
  let changed = false;
  for (const p of q.pairs) {
    try {
      const id = ev(p.core);
      if (typeof id !== 'bigint') continue;
      const b = blocks.get(Number(id));
      if (!b || b.size > MAX_CELLS) continue;
      const e = b.elem;
      const w = e.kind === 'int' || e.kind === 'char' ? intWidth(e) : null;
      if (!w && e.kind !== 'bool' && e.kind !== 'float') continue; // records: records.ts pairs, not these
      const cells = new Map<number, Value>();
      for (let k = 0; k < b.size; k++) {
        const v = ev(elementBytes(F, D, q.U0, p.bid, F.bv(k, 64), p.sz, p.base));
        if (typeof v !== 'bigint') throw new Error('bytes are not a number');
        cells.set(k, e.kind === 'bool' ? (v & 1n) === 1n : e.kind === 'float' ? floatOfBits(v, e.bits) : norm(v, w!));
      }
      for (const [k, v] of cells) {
        if (b.cells.get(k) !== v) changed = true;
        b.cells.set(k, v);
      }
    } catch {
      continue;
    }
  }
  return changed;
}

/** The same for the int and char statics both sides see (`stInit`: replay-statics.ts
 *  modelStatics, Core's cells): their contents from the model's bytes of the global. */
export function staticsFromTargetBytes(q: CoreQuery, model: Model, prog: CoreProgram, stInit: Map<string, bigint[]>): boolean {
  const F = q.shared.F;
  const D = q.pair.env.D;
  const memo = new Map<number, ModelValue>();
  let changed = false;
  for (const p of q.pairs) {
    const s = p.what.startsWith('static ') ? prog.statics.find((x) => `static ${x.name}` === p.what) : undefined;
    if (!s || (s.elem.kind !== 'int' && s.elem.kind !== 'char') || s.values.length > MAX_CELLS) continue;
    const w = intWidth(s.elem)!;
    try {
      const vs: bigint[] = [];
      for (let k = 0; k < s.values.length; k++) {
        const v = evaluateQ(elementBytes(F, D, q.U0, p.bid, F.bv(k, 64), p.sz, p.base), model, memo);
        if (typeof v !== 'bigint') throw new Error('bytes are not a number');
        vs.push(norm(v, w));
      }
      const old = stInit.get(s.name);
      if (!old || old.some((x, k) => x !== vs[k])) changed = true;
      stInit.set(s.name, vs);
    } catch {
      continue;
    }
  }
  return changed;
}
