// A model that starts a private global of the target's at other contents than its
// initializer (issue 4 items 4 and 8). The query takes every writable global the Core
// function does not name as any contents at entry (memory a caller may have written), but a
// private global whose address never escapes (sealed-globals.ts) can only hold what the
// module's own functions stored; the replay runs it from its initializer, as the program
// starts. A mutant reading such a global (`@junk = dense<0>`, added to the result) ended
// `engine bug: counterexample did not replay`. Where the model's bytes differ, the replay's
// `why` now says so with the MLIR -> MLIR check's words (SEALED: `unknown`, named).
import { evaluateQ } from '../../semantics/symbolic/evalq.ts';
import { BID_BITS, OFF_BITS } from '../../semantics/mlir/values.ts';
import type { Model, ModelValue } from '../../smt/model.ts';
import type { CoreQuery } from './query.ts';

/** Bytes compared per global at most. */
const MAX_BYTES = 4096;

/** Where the model starts a sealed writable global other than the Core statics at other
 *  contents than its initializer: the note, or null. */
export function sealedStartNote(q: CoreQuery, model: Model): string | null {
  const F = q.pair.env.f;
  const memo = new Map<number, ModelValue>();
  for (const name of q.pair.sealed) {
    const g = q.pair.globals.get(name);
    const bid = q.pair.ids.get(name);
    if (!g || g.readonly || !g.init || bid === undefined || name.startsWith('static.')) continue;
    for (let o = 0; o < Math.min(g.size, MAX_BYTES); o++) {
      let v: ModelValue;
      try {
        v = evaluateQ(F.select(q.U0, F.app('concat', [F.bv(bid, BID_BITS), F.bv(o, OFF_BITS)])), model, memo);
      } catch {
        break; // the model does not give it: any contents, the initializer's among them
      }
      if (typeof v === 'bigint' && Number(v) !== (g.init[o] ?? 0)) return `the model starts @${name} at other contents than its initializer (byte ${o}: ${v}), which only the module's own functions could have stored`;
    }
  }
  return null;
}
