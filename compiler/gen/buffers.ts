// Stack buffers: `NativePtr.stackalloc` with every element initialised first, views of
// them (`NativePtr.add`, `Span.ofPtr`, `Span.slice`), and writes at in-bounds indices.
import { anyName, I64, type IntTy } from './int-types.ts';
import { between, chance } from './prng.ts';
import { gInt, type GType } from './gen-types.ts';
import { addVar, emit, fresh, type Gen, type Var } from './gen-state.ts';
import { genIndex, genInt, randomIntType } from './expr.ts';
import { loopBody } from './loops.ts';

/** A new buffer with its views; `want` asks for one that can be passed to a parameter. */
export function genStackalloc(g: Gen, want?: { t: IntTy; length: number; span: boolean }): void {
  const t = want?.t ?? randomIntType(g.rng);
  const n = want ? between(g.rng, want.length, want.length + 3) : between(g.rng, 1, 12);
  const b = fresh(g, 'b');
  g.buffers++;
  emit(g, `let ${b} = NativePtr.stackalloc<${anyName(g.rng, t)}> ${n}`);
  const i = fresh(g, 'i');
  emit(g, chance(g.rng, 0.5) ? `for ${i} in 0 .. ${n - 1} do` : `for ${i} = 0 to ${n} - 1 do`);
  loopBody(g, n, () => {
    addVar(g, i, gInt(I64));
    emit(g, `NativePtr.set ${b} ${i} (${genInt(g, t, 2)})`);
  });
  addVar(g, b, { kind: 'buffer', t, length: n, span: false }).owner = true;
  if (chance(g.rng, 0.4)) {
    const k = between(g.rng, 0, n - 1);
    const q = fresh(g, 'q');
    emit(g, `let ${q} = NativePtr.add ${b} ${k}`);
    addVar(g, q, { kind: 'buffer', t, length: n - k, span: false });
  }
  if (want?.span || chance(g.rng, 0.4)) {
    const m = want?.span ? n : between(g.rng, 1, n);
    const s = fresh(g, 's');
    emit(g, `let ${s} = Span.ofPtr ${b} ${m}`);
    addVar(g, s, { kind: 'buffer', t, length: m, span: true });
    if (chance(g.rng, 0.4)) {
      const start = between(g.rng, 0, m - 1);
      const len = between(g.rng, 1, m - start);
      const s2 = fresh(g, 's');
      emit(g, `let ${s2} = Span.slice ${s} ${start} ${len}`);
      addVar(g, s2, { kind: 'buffer', t, length: len, span: true });
    }
  }
}

export function genBufferWrite(g: Gen, v: Var): void {
  const ty: GType = v.ty;
  if (ty.kind !== 'buffer') throw new Error(`${v.name} is not a buffer`);
  const value = genInt(g, ty.t, 2);
  if (ty.span) emit(g, `${v.name}.[${genIndex(g, ty.length, 2)}] <- ${value}`);
  else if (chance(g.rng, 0.2)) emit(g, `NativePtr.write ${v.name} ${value}`);
  else emit(g, `NativePtr.set ${v.name} ${genIndex(g, ty.length, 2)} ${value}`);
}
