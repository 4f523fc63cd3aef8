// Structured control flow with mutable locals as SSA values. A Core `If` becomes an
// `scf.if` that yields its own value followed by the new values of the outer mutables
// its branches assign; a Core `While` becomes an `scf.while` whose iteration values are
// the outer mutables that its condition or body assigns (the before-region computes the
// condition, the after-region runs the body). After either, those variables denote the
// op's results. Nothing lives in memory that did not in the source.
import type { CExpr } from '../core/core.ts';
import { childrenOf } from '../core/walk.ts';
import { emit, fresh, inRegion, internal, joinMarker, names, resultList, typesOf, type FnState, type V, type Vals } from './emitter.ts';
import { mlirTypes } from './lower-types.ts';
import type { LoopWitness } from './witness.ts';

type IfNode = CExpr & { kind: 'If' };
type WhileNode = CExpr & { kind: 'While' };

const assignedCache = new WeakMap<CExpr, string[]>();

/** Variables assigned anywhere in `e`, in first-assignment order (pre-order). */
function assignedIn(e: CExpr): string[] {
  const hit = assignedCache.get(e);
  if (hit) return hit;
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (n: string) => {
    if (!seen.has(n)) {
      seen.add(n);
      out.push(n);
    }
  };
  if (e.kind === 'Assign') add(e.name);
  for (const c of childrenOf(e)) for (const n of assignedIn(c)) add(n);
  assignedCache.set(e, out);
  return out;
}

/** The variables bound outside `parts` (now in scope) that `parts` assign, in a stable
 *  order. Variables declared inside are not in scope yet, so they are not carried. */
function carried(f: FnState, parts: CExpr[]): string[] {
  const out: string[] = [];
  for (const p of parts) for (const n of assignedIn(p)) if (f.env.has(n) && !out.includes(n)) out.push(n);
  return out;
}

function current(f: FnState, vars: string[], e: CExpr): Vals {
  return vars.flatMap((n) => {
    const v = f.env.get(n);
    if (!v) throw internal(e.span, `carried variable ${n} is unbound`);
    return v;
  });
}

/** Gives `vars` the values `vs` (their components in order). */
function rebind(f: FnState, vars: string[], vs: Vals, widths: number[]): void {
  let at = 0;
  vars.forEach((n, i) => {
    f.env.set(n, vs.slice(at, at + widths[i]!));
    at += widths[i]!;
  });
}

/** The value of `b` where `n` components are expected: a unit context drops whatever a
 *  branch computes; any other mismatch is a Core typing bug. */
export function valueOf(f: FnState, b: CExpr, n: number): Vals {
  const vs = f.gen(f, b);
  if (vs.length === n) return vs;
  if (n === 0) return [];
  throw internal(b.span, `a branch with ${vs.length} components where ${n} are expected`);
}

export function genIf(f: FnState, e: IfNode): Vals {
  const c = f.gen(f, e.cond)[0];
  if (!c) throw internal(e.cond.span, 'an If condition without a value');
  const vars = carried(f, [e.then, e.else]);
  const widths = vars.map((n) => f.env.get(n)!.length);
  const valueTypes = mlirTypes(f.mod.types, e.ty, e.span);
  const types = [...valueTypes, ...current(f, vars, e).map((v) => v.ty)];
  const outer = new Map(f.env);
  const emptyElse = types.length === 0 && e.else.kind === 'Const' && e.else.value === null;
  const branch = (b: CExpr, mark: boolean): void => {
    inRegion(f, () => {
      const vs = [...valueOf(f, b, valueTypes.length), ...current(f, vars, e)];
      if (mark) joinMarker(f);
      if (vs.length) emit(f, `scf.yield ${names(vs)} : ${typesOf(vs)}`);
    });
    f.env = new Map(outer);
  };
  const r = types.length ? fresh(f, 'if') : '';
  const results: Vals = types.length === 1 ? [{ ssa: r, ty: types[0]! }] : types.map((ty, i) => ({ ssa: `${r}#${i}`, ty }));
  if (types.length === 0) emit(f, `scf.if ${c.ssa} {`);
  else emit(f, `${r}${types.length > 1 ? `:${types.length}` : ''} = scf.if ${c.ssa} -> ${resultList(types)} {`);
  branch(e.then, !emptyElse);
  if (!emptyElse) {
    emit(f, '} else {');
    branch(e.else, false);
  }
  emit(f, '}');
  rebind(f, vars, results.slice(valueTypes.length), widths);
  return results.slice(0, valueTypes.length);
}

export function genWhile(f: FnState, e: WhileNode): Vals {
  const vars = carried(f, [e.cond, e.body]);
  const widths = vars.map((n) => f.env.get(n)!.length);
  const inits = current(f, vars, e);
  const types = inits.map((v) => v.ty);
  const witness: LoopWitness = { fn: f.core.name, symbol: f.symbol, index: f.loops.length, span: e.span, carried: [], result: null };
  f.loops.push(witness);
  vars.forEach((n, i) => {
    for (let k = 0; k < widths[i]!; k++) witness.carried.push({ var: n, part: k, ty: f.env.get(n)![k]!.ty, iter: witness.carried.length });
  });
  // Region arguments, named after the variables they carry.
  const args = (): Vals => witness.carried.map((c) => ({ ssa: fresh(f, c.var), ty: c.ty }));
  const outer = new Map(f.env);
  const r = types.length ? fresh(f, 'loop') : '';
  witness.result = r || null;
  const before = args();
  const sig = `(${types.join(', ')}) -> (${types.join(', ')})`;
  if (types.length === 0) emit(f, 'scf.while : () -> () {');
  else {
    const bind = before.map((a, i) => `${a.ssa} = ${inits[i]!.ssa}`).join(', ');
    emit(f, `${r}${types.length > 1 ? `:${types.length}` : ''} = scf.while (${bind}) : ${sig} {`);
  }
  inRegion(f, () => {
    rebind(f, vars, before, widths);
    const c: V | undefined = f.gen(f, e.cond)[0];
    if (!c) throw internal(e.cond.span, 'a While condition without a value');
    const out = current(f, vars, e);
    emit(f, out.length ? `scf.condition(${c.ssa}) ${names(out)} : ${typesOf(out)}` : `scf.condition(${c.ssa})`);
  });
  f.env = new Map(outer);
  emit(f, '} do {');
  const after = args();
  if (after.length) emit(f, `^bb0(${after.map((a) => `${a.ssa}: ${a.ty}`).join(', ')}):`);
  inRegion(f, () => {
    rebind(f, vars, after, widths);
    f.gen(f, e.body);
    const out = current(f, vars, e);
    joinMarker(f);
    emit(f, out.length ? `scf.yield ${names(out)} : ${typesOf(out)}` : 'scf.yield');
  });
  emit(f, '}');
  f.env = new Map(outer);
  const results: Vals = types.length === 1 ? [{ ssa: r, ty: types[0]! }] : types.map((ty, i) => ({ ssa: `${r}#${i}`, ty }));
  rebind(f, vars, results, widths);
  return [];
}
