// A span parameter inside the function's own Arena parameter (step 1 of lifting the arena
// precondition, arena-alias.ts). By default a check with an Arena parameter assumes its span
// and pointer parameters lie outside the arena's byte block, and every call handing the
// arena with one of its allocations is refused. For a callee that some call in the program
// hands such an allocation (rle_region `main` hands `decode` its arena and `encode`'s copy in
// it), the callee's check also covers one more aliasing configuration (arguments.ts: an
// option of the parameter's placement, checked as its own query): the span's memref is a view
// into the arena's byte block at an unknown byte start `o`, with `o + size * elem <= used0`
// (the allocation lies below the counter), its block pair over the arena's block at base `o`.
// Core's block stays its own: Core cannot see the aliasing, the target can — exactly what the
// check must find (a callee that resets its arena and allocates over the span is not proved).
//
// Where a hasty lift would give a wrong `proved` (the README's traps), this file keeps the
// lift to functions where they cannot arise:
//   - no Clef calls: the arena frames of calls (calls.ts arenaKeep, arena-calls.ts
//     arenaAtCall) would keep the span's bytes while a callee handed the span writes them; the
//     agreement after a call would relate the span's pair after an arena reset; a span handed
//     on with the arena would break a sub-callee's precondition. Runtime and region events
//     and the target's clef_zero_S calls keep only what their contracts say, whatever aliases;
//   - one memory parameter, of scalar elements: no other parameter's Core block can name the
//     span's block while its target pointer names another (arguments.ts picks Core names);
//   - not in cut-point mode (arguments.ts refuses the configuration there: the loop relation
//     would relate the span's pair and the arena's bytes separately);
// and the arena's "bytes below used0 unchanged" comparison skips the span's range, which the
// pair compares (arenas.ts arenaMemoryMismatch, `insideArena` below). A model of this
// configuration does not replay (the replay builds the span as a block of its own): unknown,
// never refuted from it (replay.ts).
// Callers (calls.ts) hand such a callee an allocation of the arena only with the obligation
// that it is alive and lies below the counter at the call, and the arena frame of the call
// leaves its range out; any other callee is refused there.
import type { CExpr, CoreFn, CoreProgram } from '../../../compiler/core/core.ts';
import { forEachNode } from '../../../compiler/core/walk.ts';
import type { Term } from '../../smt/term.ts';
import type { SymResult } from '../../semantics/symbolic/function.ts';

/** Whether `fn`'s check covers its span parameter inside its Arena parameter: the shape above,
 *  and some call in the program hands it a span that is neither a parameter of the caller nor
 *  a static (it may be an allocation of the arena handed with it). The same answer on both
 *  sides: the callee's check (arguments.ts) and its callers' (calls.ts). */
export function coversArenaSpan(prog: CoreProgram, fn: CoreFn): boolean {
  return liftShape(prog, fn) !== null && demanded(prog, fn);
}

/** The index of the one memory parameter, when `fn` has the shape the lift needs. */
export function liftShape(prog: CoreProgram, fn: CoreFn): number | null {
  const arenas = fn.params.filter((p) => p.ty.kind === 'arena');
  const mems = fn.params.flatMap((p, i) => (p.ty.kind === 'span' || p.ty.kind === 'ptr' ? [i] : []));
  if (arenas.length !== 1 || mems.length !== 1) return null;
  if (fn.params.some((p) => p.ty.kind !== 'arena' && p.ty.kind !== 'span' && p.ty.kind !== 'ptr' && !SCALARS.has(p.ty.kind))) return null;
  const ty = fn.params[mems[0]!]!.ty;
  if ((ty.kind !== 'span' && ty.kind !== 'ptr') || !SCALARS.has(ty.elem.kind)) return null;
  let calls = false;
  forEachNode(fn.body, (e) => {
    if (e.kind === 'Call' && prog.functions.some((g) => g.name === e.fn)) calls = true;
  });
  return calls ? null : mems[0]!;
}

const SCALARS = new Set(['int', 'char', 'float', 'bool']);

/** Some call of `fn` hands it, at its memory parameter, something other than the caller's
 *  own parameter or a static (syntactically: where a local shadows a parameter's name this
 *  may say no wrongly, and that caller is then refused by calls.ts as before, never proved). */
function demanded(prog: CoreProgram, fn: CoreFn): boolean {
  const at = liftShape(prog, fn);
  if (at === null) return false;
  for (const g of prog.functions) {
    const params = new Set(g.params.map((p) => p.name));
    let hit = false;
    forEachNode(g.body, (e) => {
      if (e.kind !== 'Call' || e.fn !== fn.name) return;
      const a = e.args[at];
      if (!a || !plainOperand(a, params)) hit = true;
    });
    if (hit) return true;
  }
  return false;
}

function plainOperand(a: CExpr, params: Set<string>): boolean {
  return (a.kind === 'Var' && params.has(a.name)) || a.kind === 'Static';
}

/** The configuration a check is in: the span's byte range in the arena's block (MLIR block
 *  id, first byte, one past the last), recorded by arguments.ts for the Core run. */
export type InsideArena = { name: string; buf: Term; lo: Term; hi: Term };
export const insideArena = new WeakMap<SymResult, InsideArena>();

/** The replay's reason for a model of this configuration. */
export const INSIDE_ARENA_REPLAY = 'its span parameter lies inside its Arena parameter\'s block (an aliasing configuration the replay does not build: it gives the span a block of its own)';
