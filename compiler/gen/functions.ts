// Functions: top-level helpers (some recursive, with a depth that is always small),
// nested functions (lambda-lifted by the elaborator; they read only the enclosing
// immutable values), and the body shape they share: an `int` accumulator, statements,
// then a result that folds the accumulator in.
import { anyName, I64, literal, type IntTy } from './int-types.ts';
import { between, chance, pick } from './prng.ts';
import { gInt, optionCases, typeText, type GType } from './gen-types.ts';
import { addVar, emit, fresh, nested, type FnSig, type Gen, type Var } from './gen-state.ts';
import { canCall, genBool, genInt, genValue, randomIntType } from './expr.ts';
import { genStmts, randomValueType } from './stmt.ts';
import { useFn } from './observe.ts';

/** An expression of type `ty` that depends on the accumulator. */
export function resultWithAcc(g: Gen, ty: GType): string {
  const a = g.acc;
  switch (ty.kind) {
    case 'int':
      return `((${anyName(g.rng, ty.t)} ${a}) ${pick(g.rng, ['+', '^^^', '-'])} ${genInt(g, ty.t, 2)})`;
    case 'bool':
      return `(((${a} &&& 1) = 1) <> ${genBool(g, 2)})`;
    case 'tuple':
      return `(${ty.elems.map((e, i) => (i === 0 ? resultWithAcc(g, e) : genValue(g, e, 2))).join(', ')})`;
    case 'option': {
      const { some, none } = optionCases(ty);
      return `(if ${a} ${pick(g.rng, ['<', '>', '<>'])} ${between(g.rng, -5, 5)} then ${some} (${resultWithAcc(g, ty.elem)}) else ${none})`;
    }
    case 'record':
      return `{ ${ty.decl.fields.map((f, i) => `${f.name} = ${i === 0 ? resultWithAcc(g, f.ty) : genValue(g, f.ty, 2)}`).join('; ')} }`;
    case 'union':
      return `(if (${a} &&& 3) = 0 then ${genValue(g, ty, 2)} else ${genValue(g, ty, 2)})`;
    case 'buffer':
      throw new Error('functions do not return buffers');
    default: {
      const _never: never = ty;
      return _never;
    }
  }
}

type Saved = Pick<Gen, 'vars' | 'acc' | 'cost' | 'mult' | 'loopDepth' | 'buffers' | 'blockDepth' | 'fnDepth'>;

/** Writes a function body (one level deeper than the current line) with `visible` in
 *  scope; returns its estimated cost. */
export function genBody(g: Gen, visible: Var[], ret: GType, stmts: number, params = 0): number {
  const saved: Saved = {
    vars: g.vars,
    acc: g.acc,
    cost: g.cost,
    mult: g.mult,
    loopDepth: g.loopDepth,
    buffers: g.buffers,
    blockDepth: g.blockDepth,
    fnDepth: g.fnDepth,
  };
  g.vars = [...visible];
  g.cost = 0;
  g.mult = 1;
  g.loopDepth = 0;
  g.buffers = 0;
  g.blockDepth = 0;
  g.fnDepth++;
  g.acc = g.fnDepth === 1 ? 'acc' : fresh(g, 'acc');
  try {
    nested(g, () => {
      emit(g, `let mutable ${g.acc} = ${chance(g.rng, 0.7) ? '0' : literal(g.rng, I64, BigInt(between(g.rng, -99, 99)))}`);
      genStmts(g, stmts, visible.length - params);
      emit(g, resultWithAcc(g, ret));
    });
    return g.cost + 1;
  } finally {
    Object.assign(g, saved);
  }
}

function paramVar(p: { name: string; ty: GType }): Var {
  return { name: p.name, ty: p.ty, mutable: false, assignable: false, uses: 0 };
}

function paramList(g: Gen): { name: string; ty: GType }[] {
  const n = between(g.rng, 0, 3);
  const params = Array.from({ length: n }, () => ({ name: fresh(g, 'a'), ty: randomValueType(g) }));
  if (chance(g.rng, 0.2)) {
    // a buffer of at least `length` elements, which the callee indexes modulo `length`
    const ty: GType = { kind: 'buffer', t: randomIntType(g.rng), length: between(g.rng, 1, 6), span: chance(g.rng, 0.4) };
    params.splice(between(g.rng, 0, n), 0, { name: fresh(g, 'p'), ty });
  }
  return params;
}

function header(g: Gen, name: string, params: { name: string; ty: GType }[], ret: GType, rec = false): string {
  const ps = params.length ? params.map((p) => `(${p.name}: ${typeText(p.ty, (t) => anyName(g.rng, t))})`).join(' ') : '()';
  return `let ${rec ? 'rec ' : ''}${name} ${ps} : ${typeText(ret, (t) => anyName(g.rng, t))} =`;
}

/** A nested function, callable after its definition in the enclosing block. */
export function genNestedFn(g: Gen): void {
  const name = fresh(g, 'nf');
  const params = paramList(g);
  const ret = randomValueType(g);
  emit(g, header(g, name, params, ret));
  const visible = [...g.vars.filter((v) => !v.mutable), ...params.map((p) => paramVar(p))];
  const cost = genBody(g, visible, ret, between(g.rng, 1, 4), params.length);
  const sig: FnSig = { name, params, ret, cost, recursive: false, calls: 0 };
  g.fns.push(sig);
  if (canCall(g, sig)) useFn(g, sig);
}

/** A top-level helper `PREFIX_hK`. */
export function genHelper(g: Gen, k: number): FnSig {
  const name = `${g.prefix}_h${k}`;
  const params = paramList(g);
  const ret = randomValueType(g);
  emit(g, header(g, name, params, ret));
  const cost = genBody(g, [...g.globals, ...params.map(paramVar)], ret, between(g.rng, 2, 6), params.length);
  return { name, params, ret, cost, recursive: false, calls: 0 };
}

/** `let rec PREFIX_rK (n: int) (x: T) ... : T`, recursing n times (n is at most 7 at
 *  every call site: callers pass `(e &&& 7)`). */
export function genRecursive(g: Gen, k: number): FnSig {
  const name = `${g.prefix}_r${k}`;
  const t: IntTy = randomIntType(g.rng);
  const n = fresh(g, 'n');
  const params = [
    { name: n, ty: gInt(I64) },
    { name: fresh(g, 'a'), ty: gInt(t) },
    ...(chance(g.rng, 0.5) ? [{ name: fresh(g, 'a'), ty: randomValueType(g) }] : []),
  ];
  emit(g, header(g, name, params, gInt(t), true));
  const saved = { vars: g.vars, cost: g.cost, mult: g.mult };
  g.vars = [...g.globals, ...params.map(paramVar)];
  g.cost = 0;
  g.mult = 8;
  nested(g, () => {
    emit(g, `if ${n} <= 0 then ${genInt(g, t, 2)}`);
    emit(g, 'else');
    nested(g, () => {
      const v = fresh(g, 'v');
      emit(g, `let ${v} = ${genInt(g, t, 2)}`);
      addVar(g, v, gInt(t));
      if (chance(g.rng, 0.3)) emit(g, `Console.writeln ("${g.prefix} r " + Format.int (int ${v}))`);
      const args = params.slice(1).map((p) => `(${genValue(g, p.ty, 2)})`);
      emit(g, `${name} (${n} - 1) ${args.join(' ')}`);
    });
  });
  const cost = g.cost + 8;
  Object.assign(g, saved);
  return { name, params, ret: gInt(t), cost, recursive: true, calls: 0 };
}

/** `let rec A (n: int) (x: T) : T = ... B (n - 1) ... and B ...`: mutual recursion, with
 *  the same small depth rule as genRecursive. */
export function genMutual(g: Gen, k: number): FnSig[] {
  const t: IntTy = randomIntType(g.rng);
  const names = [`${g.prefix}_m${k}a`, `${g.prefix}_m${k}b`];
  const sigs: FnSig[] = [];
  const saved = { vars: g.vars, cost: g.cost, mult: g.mult };
  names.forEach((name, i) => {
    const n = fresh(g, 'n');
    const x = fresh(g, 'a');
    const params = [
      { name: n, ty: gInt(I64) },
      { name: x, ty: gInt(t) },
    ];
    const ps = `(${n}: ${anyName(g.rng, I64)}) (${x}: ${anyName(g.rng, t)})`;
    emit(g, `${i === 0 ? 'let rec' : 'and'} ${name} ${ps} : ${anyName(g.rng, t)} =`);
    g.vars = params.map(paramVar);
    g.cost = 0;
    g.mult = 8;
    nested(g, () => {
      emit(g, `if ${n} <= 0 then ${genInt(g, t, 2)}`);
      emit(g, `else ${names[1 - i]} (${n} - 1) (${genInt(g, t, 2)})`);
    });
    sigs.push({ name, params, ret: gInt(t), cost: g.cost + 8, recursive: true, calls: 0 });
  });
  Object.assign(g, saved);
  return sigs;
}
