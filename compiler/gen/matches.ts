// `match` in its common shapes: on integers (literals, or-patterns, guards, a binding
// catch-all), options, tuples, records (field patterns) and unions (payload patterns).
// Every match ends with a rule that catches the rest, so none can fail at run time.
import { interestingValue, literal, type IntTy } from './int-types.ts';
import { between, chance, pick } from './prng.ts';
import { gInt, optionCases, type GType, type RecordDecl, type UnionDecl } from './gen-types.ts';
import { addVar, emit, fresh, nested, type Gen } from './gen-state.ts';
import { genCond, genInt, genValue, randomIntType } from './expr.ts';
import { genStmts } from './stmt.ts';

/** A literal as a pattern: negative ones without the parentheses expressions need. */
function patternLiteral(g: Gen, t: IntTy): string {
  return literal(g.rng, t, interestingValue(g.rng, t)).replace(/^\((.*)\)$/, '$1');
}

/** Distinct literal patterns of type t, grouped into rules (`| 1y | 2y`); with `small`
 *  they are drawn from 0 .. small, the range of a masked scrutinee, so most rules run. */
function literalRules(g: Gen, t: IntTy, small: number | null): string[] {
  const values = new Set<bigint>();
  const n = between(g.rng, 1, 4);
  const draw = () => (small === null ? interestingValue(g.rng, t) : BigInt(between(g.rng, 0, small)));
  for (let i = 0; i < n * 2; i++) if (values.size < n) values.add(draw());
  const rules: string[] = [];
  let cur: string[] = [];
  for (const v of values) {
    cur.push(literal(g.rng, t, v).replace(/^\((.*)\)$/, '$1'));
    if (chance(g.rng, 0.6)) {
      rules.push(cur.join(' | '));
      cur = [];
    }
  }
  if (cur.length) rules.push(cur.join(' | '));
  return rules;
}

/** A scrutinee of type t: often masked to 0 .. 3 or 0 .. 7 so literal rules match. */
function intScrutinee(g: Gen, t: IntTy): { text: string; small: number | null } {
  if (chance(g.rng, 0.4)) return { text: genInt(g, t, 2), small: null };
  const small = pick(g.rng, [3, 7]);
  return { text: `(${genInt(g, t, 1)} &&& ${literal(g.rng, t, BigInt(small))})`, small };
}

/** A rule body: one expression on the rule's line, or a block below it. */
type Arm = (rule: string, bind: (() => void) | null) => void;

function exprArm(g: Gen, result: IntTy): Arm {
  return (rule, bind) => {
    const nv = g.vars.length;
    bind?.();
    emit(g, `| ${rule} -> ${genInt(g, result, 2)}`);
    g.vars.length = nv;
  };
}

function blockArm(g: Gen): Arm {
  return (rule, bind) => {
    emit(g, `| ${rule} ->`);
    nested(g, () => {
      const from = g.vars.length;
      bind?.();
      genStmts(g, between(g.rng, 1, 2), from);
    });
  };
}

/** The rules of a match on an integer of type t. */
function intRules(g: Gen, t: IntTy, arm: Arm, small: number | null): void {
  for (const r of literalRules(g, t, small)) arm(r, null);
  if (chance(g.rng, 0.5)) {
    const x = fresh(g, 'x');
    const bind = () => addVar(g, x, gInt(t));
    const nv = g.vars.length;
    bind();
    const guard = genCond(g, 1);
    g.vars.length = nv;
    arm(`${x} when ${guard}`, bind);
  }
  if (chance(g.rng, 0.5)) arm('_', null);
  else {
    const y = fresh(g, 'x');
    arm(y, () => addVar(g, y, gInt(t)));
  }
}

/** `let v = match e with | 3y -> ... | _ -> ...` */
export function genIntMatchLet(g: Gen): void {
  const s = randomIntType(g.rng);
  const r = randomIntType(g.rng);
  const v = fresh(g, 'v');
  emit(g, `let ${v} =`);
  nested(g, () => {
    const sc = intScrutinee(g, s);
    emit(g, `match ${sc.text} with`);
    intRules(g, s, exprArm(g, r), sc.small);
  });
  addVar(g, v, gInt(r));
}

export function genIntMatchStmt(g: Gen): void {
  const s = randomIntType(g.rng);
  const sc = intScrutinee(g, s);
  emit(g, `match ${sc.text} with`);
  intRules(g, s, blockArm(g), sc.small);
}

/** Binds the scrutinee to a new name first, or matches the expression directly. */
function scrutinee(g: Gen, ty: GType): string {
  const value = genValue(g, ty, 2);
  if (chance(g.rng, 0.5)) return value;
  const o = fresh(g, 'o');
  emit(g, `let ${o} = ${value}`);
  addVar(g, o, ty);
  return o;
}

export function genOptionMatch(g: Gen): void {
  const t = randomIntType(g.rng);
  const ty: GType & { kind: 'option' } = { kind: 'option', elem: gInt(t), value: chance(g.rng, 0.3) };
  const { some, none } = optionCases(ty);
  emit(g, `match ${scrutinee(g, ty)} with`);
  const arm = blockArm(g);
  const noneFirst = chance(g.rng, 0.3);
  if (noneFirst) arm(none, null);
  if (chance(g.rng, 0.4)) arm(`${some} ${patternLiteral(g, t)}`, null);
  const x = fresh(g, 'x');
  const bind = () => addVar(g, x, gInt(t));
  if (chance(g.rng, 0.5)) {
    const nv = g.vars.length;
    bind();
    const guard = genCond(g, 1);
    g.vars.length = nv;
    arm(`${some} ${x} when ${guard}`, bind);
  }
  arm(`${some} ${x}`, bind);
  if (!noneFirst) arm(none, null);
}

export function genTupleMatch(g: Gen): void {
  const a = randomIntType(g.rng);
  const b = randomIntType(g.rng);
  const ty: GType = { kind: 'tuple', elems: [gInt(a), gInt(b)] };
  const lit = (t: IntTy) => patternLiteral(g, t);
  emit(g, `match ${scrutinee(g, ty)} with`);
  const arm = blockArm(g);
  if (chance(g.rng, 0.3)) arm(`(${lit(a)}, ${lit(b)})`, null);
  if (chance(g.rng, 0.7)) arm(`(${lit(a)}, _)`, null);
  if (chance(g.rng, 0.5)) arm(`(_, ${lit(b)})`, null);
  const x = fresh(g, 'x');
  const y = fresh(g, 'x');
  const bind = () => {
    addVar(g, x, gInt(a));
    addVar(g, y, gInt(b));
  };
  const nv = g.vars.length;
  bind();
  const guard = genCond(g, 1);
  g.vars.length = nv;
  arm(`(${x}, ${y}) when ${guard}`, bind);
  arm('_', null);
}

/** A record value (sometimes mutable and updated with `with`), then a match on fields. */
export function genRecordMatch(g: Gen): void {
  const decl: RecordDecl = pick(g.rng, g.records);
  const ty: GType = { kind: 'record', decl };
  const r = fresh(g, 'r');
  const mutable = chance(g.rng, 0.4);
  emit(g, `let ${mutable ? 'mutable ' : ''}${r} = ${genValue(g, ty, 2)}`);
  addVar(g, r, ty, mutable);
  if (mutable) {
    const f = pick(g.rng, decl.fields);
    emit(g, `${r} <- { ${r} with ${f.name} = ${genValue(g, f.ty, 2)} }`);
  }
  const ints = decl.fields.filter((f) => f.ty.kind === 'int');
  emit(g, `match ${r} with`);
  const arm = blockArm(g);
  if (ints.length && chance(g.rng, 0.7)) {
    const f = pick(g.rng, ints);
    if (f.ty.kind === 'int') arm(`{ ${f.name} = ${patternLiteral(g, f.ty.t)} }`, null);
  }
  if (ints.length) {
    const f = pick(g.rng, ints);
    const x = fresh(g, 'x');
    const bind = () => addVar(g, x, f.ty);
    const nv = g.vars.length;
    bind();
    const guard = genCond(g, 1);
    g.vars.length = nv;
    arm(`{ ${f.name} = ${x} } when ${guard}`, bind);
  }
  arm('_', null);
}

function casePattern(c: UnionDecl['cases'][number], names: string[]): string {
  if (c.fields.length === 0) return c.name;
  const parts = c.fields.map((_, i) => names[i] ?? '_');
  return c.fields.length === 1 ? `${c.name} ${parts[0]}` : `${c.name} (${parts.join(', ')})`;
}

/** A union value and a match with a rule per case (payloads bound, sometimes guarded). */
export function genUnionMatch(g: Gen): void {
  const decl: UnionDecl = pick(g.rng, g.unions);
  const ty: GType = { kind: 'union', decl };
  emit(g, `match ${scrutinee(g, ty)} with`);
  const arm = blockArm(g);
  const order = chance(g.rng, 0.5) ? [...decl.cases].reverse() : decl.cases;
  for (const c of order) {
    const names = c.fields.map(() => (chance(g.rng, 0.8) ? fresh(g, 'x') : '_'));
    const bind = () => c.fields.forEach((f, i) => names[i] !== '_' && addVar(g, names[i]!, f));
    if (c.fields.length && chance(g.rng, 0.4)) {
      const nv = g.vars.length;
      bind();
      const guard = genCond(g, 1);
      g.vars.length = nv;
      arm(`${casePattern(c, names)} when ${guard}`, bind);
    }
    const only = c.fields.length === 1 ? c.fields[0]! : null;
    if (only?.kind === 'int' && chance(g.rng, 0.3)) {
      const t = only.t;
      arm(`${c.name} ${patternLiteral(g, t)}`, null);
    }
    arm(casePattern(c, names), bind);
  }
}
