// What one iteration of a loop may change, found syntactically, so that a cut point can
// havoc exactly that (and keep everything else): variables assigned in the loop, memory
// blocks written (by the loop's stores and by the callees it passes references to), arena
// usage and epochs, released flags, and mutable statics when a callee may store.
// A reference whose block cannot be resolved to one known at loop entry makes the whole
// element type unknown (every block of that type, except the immutable statics).
import type { CExpr } from '../../../compiler/core/core.ts';
import type { Type } from '../../../compiler/types/types.ts';
import { showType } from '../../../compiler/types/types.ts';
import { childrenOf } from '../../../compiler/core/walk.ts';
import type { Term } from '../../smt/term.ts';
import type { Ctx, State } from './context.ts';
import { casePayloadTypes, recordFields } from './values.ts';

/** `null`: unknown (could be any block / handle). */
type Targets = Term[] | null;

export type HavocPlan = {
  /** Variables declared before the loop and assigned in it. */
  vars: string[];
  blocks: { elem: Type; block: Term }[];
  /** Element types written through references not resolved to blocks known at entry. */
  anyBlockOf: Type[];
  arenaUsed: Targets;
  arenaEpoch: Targets;
  released: Targets;
  statics: boolean;
};

function forEach(e: CExpr, f: (e: CExpr) => void): void {
  f(e);
  for (const c of childrenOf(e)) forEach(c, f);
}

export function loopParts(loop: CExpr & { kind: 'While' }): CExpr[] {
  return [loop.cond, loop.body, ...loop.invariants, ...(loop.decreases ? [loop.decreases] : [])];
}

/** Names assigned inside `roots` that are not declared there. */
export function assignedOutside(roots: CExpr[]): string[] {
  const declared = new Set<string>();
  const assigned: string[] = [];
  for (const r of roots) {
    forEach(r, (e) => {
      if (e.kind === 'Let') declared.add(e.name);
      if (e.kind === 'Assign' && !assigned.includes(e.name)) assigned.push(e.name);
    });
  }
  return assigned.filter((n) => !declared.has(n));
}

export function havocPlan(cx: Ctx, st: State, loop: CExpr & { kind: 'While' }): HavocPlan {
  const roots = loopParts(loop);
  const lets = new Map<string, CExpr>();
  const assignedAll = new Set<string>();
  for (const r of roots) {
    forEach(r, (e) => {
      if (e.kind === 'Let') lets.set(e.name, e.init);
      if (e.kind === 'Assign') assignedAll.add(e.name);
    });
  }
  const vars = assignedOutside(roots).filter((n) => st.env.has(n));

  /** The blocks (or arena/region ids) an expression may denote; 'fresh' = made in the loop. */
  const resolve = (e: CExpr, depth = 0): Targets | 'fresh' => {
    if (depth > 50) return null;
    const r = (x: CExpr) => resolve(x, depth + 1);
    switch (e.kind) {
      case 'Var': {
        if (assignedAll.has(e.name)) return null;
        const init = lets.get(e.name);
        if (init) return r(init);
        const v = st.env.get(e.name);
        if (!v) return null;
        if (v.k === 'ptr' || v.k === 'span') return [v.block];
        if (v.k === 'arena' || v.k === 'region') return [v.id];
        return null;
      }
      case 'Static': {
        const s = cx.facts.statics.get(e.name);
        return s ? [cx.F.bv(s.id, 32)] : null;
      }
      case 'PtrAdd':
      case 'SpanOfPtr':
        return r(e.ptr);
      case 'SpanSlice':
        return r(e.source);
      case 'StackAlloc':
      case 'ArenaAlloc':
      case 'RegionAlloc':
      case 'RegionCopyOut':
      case 'ArenaCreate':
      case 'RegionCreate':
        return 'fresh';
      case 'Let':
        return r(e.body);
      case 'Seq':
        return r(e.items[e.items.length - 1]!);
      case 'If': {
        const a = r(e.then);
        const b = r(e.else);
        if (a === null || b === null) return null;
        if (a === 'fresh') return b;
        if (b === 'fresh') return a;
        return [...a, ...b];
      }
      default:
        return null;
    }
  };

  const blocks: { elem: Type; block: Term }[] = [];
  const anyBlockOf: Type[] = [];
  const written = (target: CExpr): void => {
    const t = target.ty;
    if (t.kind !== 'ptr' && t.kind !== 'span') return;
    const r = resolve(target);
    if (r === 'fresh') return;
    if (r === null) {
      if (!anyBlockOf.some((x) => showType(x) === showType(t.elem))) anyBlockOf.push(t.elem);
      return;
    }
    for (const b of r) blocks.push({ elem: t.elem, block: b });
  };
  const handles = { used: [] as Term[] | null, epoch: [] as Term[] | null, released: [] as Term[] | null };
  const touch = (which: 'used' | 'epoch' | 'released', h: CExpr): void => {
    const r = resolve(h);
    if (r === 'fresh') return;
    if (r === null) handles[which] = null;
    else if (handles[which] !== null) handles[which]!.push(...r);
  };
  let statics = false;
  for (const root of roots) {
    forEach(root, (e) => {
      switch (e.kind) {
        case 'Store':
          written(e.target);
          break;
        case 'ArenaAlloc':
          touch('used', e.arena);
          break;
        case 'RegionCopyOut':
          touch('used', e.arena);
          break;
        case 'ArenaReset':
          touch('used', e.arena);
          touch('epoch', e.arena);
          break;
        case 'RegionRelease':
          touch('released', e.region);
          break;
        case 'Call': {
          const ef = cx.facts.effects.get(e.fn);
          // as at the call itself (exec-call.ts): in the safety proofs a reference handed to a
          // read-only parameter is not written by the callee
          const ro = cx.opts.callMode === 'contract' ? cx.facts.readOnly.get(e.fn) : undefined;
          e.args.forEach((a, i) => {
            const t = a.ty;
            if ((t.kind === 'ptr' || t.kind === 'span') && (ef?.stores ?? true) && !ro?.[i]) written(a);
            if (t.kind === 'arena') {
              if (ef?.allocs ?? true) touch('used', a);
              if (ef?.resets ?? true) {
                touch('used', a);
                touch('epoch', a);
              }
            }
            if (t.kind !== 'arena' && containsArena(cx, t) && ((ef?.allocs ?? true) || (ef?.resets ?? true))) {
              handles.used = null;
              handles.epoch = null;
            }
            if (t.kind !== 'ptr' && t.kind !== 'span' && (ef?.stores ?? true)) {
              // references inside aggregates: every block of their element types
              for (const el of referenceElems(cx, t)) if (!anyBlockOf.some((x) => showType(x) === showType(el))) anyBlockOf.push(el);
            }
          });
          if (ef?.stores ?? true) statics = true;
          break;
        }
        default:
          break;
      }
    });
  }
  return { vars, blocks, anyBlockOf, arenaUsed: handles.used, arenaEpoch: handles.epoch, released: handles.released, statics };
}

function containsArena(cx: Ctx, t: Type, seen = new Set<string>()): boolean {
  switch (t.kind) {
    case 'arena':
      return true;
    case 'tuple':
      return t.elems.some((x) => containsArena(cx, x, seen));
    case 'record':
    case 'union': {
      const k = showType(t);
      if (seen.has(k)) return false;
      seen.add(k);
      const parts = t.kind === 'record' ? recordFields(cx.prog.types, t) : casePayloadTypes(cx.prog.types, t).flat();
      return parts.some((x) => containsArena(cx, x, seen));
    }
    default:
      return false;
  }
}

/** Element types of the pointers and spans a value of type `t` may hold. */
function referenceElems(cx: Ctx, t: Type, seen = new Set<string>()): Type[] {
  switch (t.kind) {
    case 'ptr':
    case 'span':
      return [t.elem];
    case 'tuple':
      return t.elems.flatMap((x) => referenceElems(cx, x, seen));
    case 'record':
    case 'union': {
      const k = showType(t);
      if (seen.has(k)) return [];
      seen.add(k);
      const parts = t.kind === 'record' ? recordFields(cx.prog.types, t) : casePayloadTypes(cx.prog.types, t).flat();
      return parts.flatMap((x) => referenceElems(cx, x, seen));
    }
    default:
      return [];
  }
}
