// Region operations as events of a translation-validation run (callMode 'uninterpreted'):
// core-to-mlir makes each a call of the runtime library — Region.create is
// `clef_region_create()`, each Region.alloc a `memref.alloc` handed to
// `clef_region_track(handle, block)`, the release at the end of a `use` scope
// `clef_region_release(handle)` — so the Core -> MLIR check (verifier/tv/core/regions.ts)
// meets them in the target's call trace, in execution order with Clef calls and the other
// runtime events (strings.ts `recordEvent`). Core's memory is unchanged by the event itself
// (the node's own semantics, exec-memory.ts, does the allocation and the release).
import type { Ctx, State } from './context.ts';
import { copyMemory } from './memory.ts';
import { eventsOn } from './strings.ts';
import { UNIT, type SV } from './values.ts';
import type { CExpr } from '../../../compiler/core/core.ts';

export const REGION_EVENTS = ['rg:create', 'rg:track', 'rg:release'] as const;
export type RegionEvent = (typeof REGION_EVENTS)[number];

export function isRegionEvent(callee: string): callee is RegionEvent {
  return (REGION_EVENTS as readonly string[]).includes(callee);
}

/** Records a region event (only in translation validation). */
export function recordRegionEvent(cx: Ctx, st: State, e: CExpr, callee: RegionEvent, args: SV[]): void {
  if (!eventsOn(cx)) return;
  const mem = copyMemory(st.mem);
  cx.calls.push({ callee, span: e.span, args, pc: st.pc, memBefore: mem, result: UNIT, memAfter: mem });
}
