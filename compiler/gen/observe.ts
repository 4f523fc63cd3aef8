// Making values observable: folds every scalar component of a value of any generated type
// into the accumulator (through a destructuring let or a match), so a wrong value anywhere
// shows in the output. Also used to call every function the unit defines.
import { anyName, I64 } from './int-types.ts';
import { between, chance, pick } from './prng.ts';
import { optionCases, type GType } from './gen-types.ts';
import { emit, fresh, nested, use, type FnSig, type Gen, type Var } from './gen-state.ts';
import { loopBody } from './loops.ts';
import { genCall } from './expr.ts';

export function observe(g: Gen, e: string, ty: GType): void {
  const a = g.acc;
  switch (ty.kind) {
    case 'int':
      emit(g, pick(g.rng, [`${a} <- (${a} * 31) + (${anyName(g.rng, I64)} ${e})`, `${a} <- ${a} ^^^ (${anyName(g.rng, I64)} ${e})`]));
      return;
    case 'bool':
      emit(g, `${a} <- ${a} + (if ${e} then ${between(g.rng, 1, 9)} else ${between(g.rng, 10, 99)})`);
      return;
    case 'tuple': {
      const names = ty.elems.map(() => fresh(g, 'x'));
      emit(g, `let (${names.join(', ')}) = ${e}`);
      ty.elems.forEach((t, i) => observe(g, names[i]!, t));
      return;
    }
    case 'option': {
      const x = fresh(g, 'x');
      const { some, none } = optionCases(ty);
      emit(g, `match ${e} with`);
      emit(g, `| ${some} ${x} ->`);
      nested(g, () => observe(g, x, ty.elem));
      emit(g, `| ${none} -> ${a} <- ${a} + ${between(g.rng, 100, 999)}`);
      return;
    }
    case 'record': {
      const r = /^[A-Za-z_][A-Za-z0-9_]*$/.test(e) ? e : fresh(g, 'r');
      if (r !== e) emit(g, `let ${r} = ${e}`);
      for (const f of ty.decl.fields) observe(g, `${r}.${f.name}`, f.ty);
      return;
    }
    case 'union': {
      emit(g, `match ${e} with`);
      ty.decl.cases.forEach((c, i) => {
        const names = c.fields.map(() => fresh(g, 'x'));
        const pat = c.fields.length === 0 ? c.name : c.fields.length === 1 ? `${c.name} ${names[0]}` : `${c.name} (${names.join(', ')})`;
        emit(g, `| ${pat} ->`);
        nested(g, () => {
          emit(g, `${a} <- ${a} + ${i * 1000 + 7}`);
          c.fields.forEach((f, k) => observe(g, names[k]!, f));
        });
      });
      return;
    }
    case 'buffer':
      throw new Error('buffers are observed element by element');
    default: {
      const _never: never = ty;
      return _never;
    }
  }
}

/** Observes a variable: its value, or every element of a buffer. */
export function observeVar(g: Gen, v: Var): void {
  if (v.ty.kind !== 'buffer') {
    observe(g, use(v), v.ty);
    return;
  }
  const { length, span } = v.ty;
  const k = fresh(g, 'k');
  emit(g, span ? `for ${k} in 0 .. ${use(v)}.Length - 1 do` : `for ${k} in 0 .. ${length - 1} do`);
  loopBody(g, length, () => {
    const read = span ? `${use(v)}.[${k}]` : `(NativePtr.get ${use(v)} ${k})`;
    emit(g, `${g.acc} <- (${g.acc} * 31) + (${anyName(g.rng, I64)} ${read})`);
  });
}

/** A statement that calls `f` and observes its result. */
export function useFn(g: Gen, f: FnSig): void {
  const call = genCall(g, f, 1);
  observe(g, chance(g.rng, 0.5) || f.ret.kind === 'int' ? `(${call})` : call, f.ret);
}
