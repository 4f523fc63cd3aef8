// Random statements and blocks. A block never ends with a `let` (F# needs a result after
// it), names declared in a block go out of scope with it, and the current function's
// `int` accumulator collects values so every computation can reach the output.
import { anyName, I64 } from './int-types.ts';
import { between, chance, pick, weighted } from './prng.ts';
import { gBool, gInt, typeText, type GType } from './gen-types.ts';
import { addVar, emit, fresh, nested, use, FN_LIMIT, type Gen } from './gen-state.ts';
import { observeVar, useFn } from './observe.ts';
import { canCall, genBool, genCond, genInt, genValue, randomIntType, randomValueType } from './expr.ts';
import { genFor, genWhile } from './loops.ts';
import { genIntMatchLet, genIntMatchStmt, genOptionMatch, genRecordMatch, genTupleMatch, genUnionMatch } from './matches.ts';
import { genBufferWrite, genStackalloc } from './buffers.ts';
import { genNestedFn } from './functions.ts';

type Made = 'let' | 'stmt';

/** `acc <- ...`: folds a fresh value of any type into the accumulator. */
export function genMix(g: Gen, depth = between(g.rng, 1, 2)): void {
  const a = g.acc;
  const conv = anyName(g.rng, I64);
  if (chance(g.rng, 0.15)) {
    emit(g, `${a} <- ${a} + (if ${genBool(g, depth)} then ${between(g.rng, 1, 9)} else ${between(g.rng, 10, 99)})`);
    return;
  }
  const e = `(${conv} ${genInt(g, randomIntType(g.rng), depth)})`;
  emit(g, pick(g.rng, [`${a} <- (${a} * 31) + ${e}`, `${a} <- ${a} ^^^ ${e}`, `${a} <- (${a} <<< 3) - ${e}`, `${a} <- Wrapping.add (${a} * 7) ${e}`]));
}

/** `Console.writeln` of a fresh value (ints through Format.int / Format.uint64). */
export function genPrint(g: Gen, depth = between(g.rng, 1, 2)): void {
  const label = `"${g.prefix} "`;
  const t = randomIntType(g.rng);
  const k = between(g.rng, 0, 9);
  if (k === 0) {
    emit(g, `Console.writeln (${label} + Format.bool ${genBool(g, depth)})`);
  } else if (k === 1) {
    emit(g, `Console.write ${label}`);
    emit(g, `Console.writeln (Format.int64 (int64 ${genInt(g, t, depth)}))`);
  } else if (t.signed || chance(g.rng, 0.3)) {
    emit(g, `Console.writeln (${label} + Format.int (${anyName(g.rng, I64)} ${genInt(g, t, depth)}))`);
  } else {
    emit(g, `Console.writeln (${label} + Format.uint64 (uint64 ${genInt(g, t, depth)}))`);
  }
}

function genLet(g: Gen, ty: GType, mutable: boolean): void {
  const name = fresh(g, mutable ? 'm' : 'v');
  const annotate = chance(g.rng, 0.25) && ty.kind !== 'buffer';
  const value = genValue(g, ty, chance(g.rng, 0.8) ? between(g.rng, 1, 2) : 3);
  emit(g, `let ${mutable ? 'mutable ' : ''}${name}${annotate ? ` : ${typeText(ty, (t) => anyName(g.rng, t))}` : ''} = ${value}`);
  addVar(g, name, ty, mutable);
}

function genAssign(g: Gen): boolean {
  const targets = g.vars.filter((v) => v.assignable);
  if (targets.length === 0) return false;
  const v = pick(g.rng, targets);
  if (v.ty.kind === 'int' && chance(g.rng, 0.4)) {
    emit(g, `${v.name} <- ${use(v)} ${pick(g.rng, ['+', '-', '*', '^^^', '|||', '&&&'])} ${genInt(g, v.ty.t, 2)}`);
  } else {
    emit(g, `${v.name} <- ${genValue(g, v.ty, 2)}`);
  }
  return true;
}

function genIf(g: Gen): void {
  const room = g.blockDepth < 3;
  if (!room || chance(g.rng, 0.2)) {
    emit(g, `if ${genCond(g, 2)} then ${chance(g.rng, 0.5) ? mixText(g) : 'ignore 0'}`);
    return;
  }
  emit(g, `if ${genCond(g, 2)} then`);
  nested(g, () => genStmts(g, between(g.rng, 1, 3)));
  const elifs = chance(g.rng, 0.3) ? between(g.rng, 1, 2) : 0;
  for (let i = 0; i < elifs; i++) {
    emit(g, `elif ${genCond(g, 2)} then`);
    nested(g, () => genStmts(g, between(g.rng, 1, 2)));
  }
  if (chance(g.rng, 0.6)) {
    emit(g, 'else');
    nested(g, () => genStmts(g, between(g.rng, 1, 3)));
  }
}

/** The text of a one-line accumulator update (for `if c then ...` on one line). */
function mixText(g: Gen): string {
  const before = g.lines.length;
  genMix(g, 1);
  const line = g.lines.splice(before, 1)[0]!;
  return line.trim();
}

/** One statement; says whether it was a `let` (a block may not end with one). */
export { randomValueType };

export function genStmt(g: Gen): Made {
  const deep = g.blockDepth >= 3;
  const busy = g.cost > FN_LIMIT / 2;
  const buffers = g.vars.filter((v) => v.ty.kind === 'buffer');
  const observable = g.vars.filter((v) => v.ty.kind !== 'buffer' && v.ty.kind !== 'int');
  const usable = g.fns.filter((f) => canCall(g, f));
  const kind = weighted(g.rng, [
    [5, 'let'],
    [2, 'letMutable'],
    [3, 'assign'],
    [4, 'mix'],
    [2.5, 'print'],
    [2, 'if'],
    [deep || busy ? 0 : 1.2, 'while'],
    [deep || busy ? 0 : 1.5, 'for'],
    [1, 'matchLet'],
    [deep ? 0 : 1, 'matchStmt'],
    [deep ? 0 : 1, 'option'],
    [1, 'tuple'],
    [g.records.length && !deep ? 1 : 0, 'record'],
    [g.unions.length && !deep ? 1 : 0, 'union'],
    [g.loopDepth === 0 && g.buffers < 2 && !busy ? 1 : 0, 'stackalloc'],
    [buffers.length ? 2 : 0, 'bufferWrite'],
    [g.fnDepth < 2 && g.loopDepth === 0 && !deep && !busy ? 0.8 : 0, 'nestedFn'],
    [0.3, 'ignore'],
    [observable.length ? 1.5 : 0, 'observe'],
    [usable.length ? 1.5 : 0, 'call'],
  ] as const);
  switch (kind) {
    case 'let':
      genLet(g, randomValueType(g), false);
      return 'let';
    case 'letMutable':
      genLet(g, chance(g.rng, 0.8) ? gInt(randomIntType(g.rng)) : randomValueType(g), true);
      return 'let';
    case 'assign':
      if (!genAssign(g)) genMix(g);
      return 'stmt';
    case 'mix':
      genMix(g);
      return 'stmt';
    case 'print':
      genPrint(g);
      return 'stmt';
    case 'if':
      genIf(g);
      return 'stmt';
    case 'while':
      genWhile(g);
      return 'let'; // it declares its counter first; the loop itself is the last line
    case 'for':
      genFor(g);
      return 'stmt';
    case 'matchLet':
      genIntMatchLet(g);
      return 'let';
    case 'matchStmt':
      chance(g.rng, 0.5) ? genIntMatchStmt(g) : genTupleMatch(g);
      return 'stmt';
    case 'option':
      genOptionMatch(g);
      return 'stmt';
    case 'tuple': {
      const names = [fresh(g, 't'), fresh(g, 't')];
      const ty: GType = { kind: 'tuple', elems: [gInt(randomIntType(g.rng)), chance(g.rng, 0.8) ? gInt(randomIntType(g.rng)) : gBool] };
      emit(g, `let (${names.join(', ')}) = ${genValue(g, ty, 2)}`);
      if (ty.kind === 'tuple') names.forEach((n, i) => addVar(g, n, ty.elems[i]!));
      return 'let';
    }
    case 'record':
      genRecordMatch(g);
      return 'stmt';
    case 'union':
      genUnionMatch(g);
      return 'stmt';
    case 'stackalloc':
      genStackalloc(g);
      return 'let';
    case 'bufferWrite':
      genBufferWrite(g, pick(g.rng, buffers));
      return 'stmt';
    case 'nestedFn':
      genNestedFn(g);
      return 'let';
    case 'ignore':
      emit(g, `ignore ${genValue(g, randomValueType(g), 2)}`);
      return 'stmt';
    case 'observe': {
      const v = pick(g.rng, observable);
      observeVar(g, v);
      return 'stmt';
    }
    case 'call':
      useFn(g, pick(g.rng, usable));
      return 'stmt';
    default: {
      const _never: never = kind;
      return _never;
    }
  }
}

/** `n` statements at the current indentation, then an observation of every variable
 *  declared since `from` that was never read (or is mutable, or owns a buffer), so no
 *  computed value is dead; the block never ends with a `let`. */
export function genStmts(g: Gen, n: number, from = g.vars.length): void {
  let last: Made = 'stmt';
  for (let i = 0; i < n; i++) last = genStmt(g);
  const pending = g.vars.slice(from).filter((v) => v.uses === 0 || v.mutable || v.owner);
  for (const v of pending) observeVar(g, v);
  if (pending.length === 0 && last === 'let') chance(g.rng, 0.5) ? genMix(g) : genPrint(g);
}
