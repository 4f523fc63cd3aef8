// Whole generated programs. A unit is one independent random program (its own types,
// helpers and a test function `pN_test () : int` that prints its results and returns a
// checksum); a batch puts many units in one file so one native build covers them all,
// and `main` combines their checksums into the exit code.
import { anyName, I64, randomLiteral } from './int-types.ts';
import { below, between, chance, makeRng, pick, weighted } from './prng.ts';
import { gBool, gInt, type GType, type RecordDecl, type UnionDecl } from './gen-types.ts';
import { addVar, CALL_LIMIT, emit, fresh, nested, newGen, type Gen } from './gen-state.ts';
import { loopBody } from './loops.ts';
import { observeVar, useFn } from './observe.ts';
import { canCall, randomIntType } from './expr.ts';
import { genStackalloc } from './buffers.ts';
import { genStmts } from './stmt.ts';
import { genHelper, genMutual, genRecursive } from './functions.ts';

export type GeneratedUnit = { id: number; seed: number; text: string; test: string };

function fieldType(g: Gen): GType {
  return weighted(g.rng, [
    [8, () => gInt(randomIntType(g.rng))],
    [1, () => gBool],
    [g.records.length ? 1 : 0, () => ({ kind: 'record', decl: pick(g.rng, g.records) }) as GType],
  ] as const)();
}

function genRecordDecl(g: Gen, id: number, k: number): RecordDecl {
  const n = between(g.rng, 1, 4);
  const decl: RecordDecl = {
    kind: 'RecordDecl',
    name: `Rec${id}_${k}`,
    fields: Array.from({ length: n }, (_, i) => ({ name: `R${id}_${k}${String.fromCharCode(97 + i)}`, ty: fieldType(g) })),
  };
  const show = (ty: GType): string => (ty.kind === 'int' ? anyName(g.rng, ty.t) : ty.kind === 'bool' ? 'bool' : ty.kind === 'record' ? ty.decl.name : '?');
  if (chance(g.rng, 0.3)) emit(g, '[<Struct>]');
  if (chance(g.rng, 0.5)) {
    emit(g, `type ${decl.name} = { ${decl.fields.map((f) => `${f.name}: ${show(f.ty)}`).join('; ')} }`);
  } else {
    emit(g, `type ${decl.name} =`);
    nested(g, () => decl.fields.forEach((f, i) => emit(g, `${i === 0 ? '{ ' : '  '}${f.name}: ${show(f.ty)}${i === n - 1 ? ' }' : ''}`)));
  }
  emit(g, '');
  return decl;
}

function genUnionDecl(g: Gen, id: number, k: number): UnionDecl {
  const n = between(g.rng, 2, 4);
  const decl: UnionDecl = {
    kind: 'UnionDecl',
    name: `Uni${id}_${k}`,
    cases: Array.from({ length: n }, (_, i) => ({
      name: `U${id}_${k}${String.fromCharCode(65 + i)}`,
      fields: Array.from({ length: between(g.rng, 0, 2) }, () => (chance(g.rng, 0.85) ? gInt(randomIntType(g.rng)) : gBool)),
    })),
  };
  emit(g, `type ${decl.name} =`);
  nested(g, () => {
    for (const c of decl.cases) {
      const fs = c.fields.map((f) => (f.kind === 'int' ? anyName(g.rng, f.t) : 'bool'));
      emit(g, fs.length ? `| ${c.name} of ${fs.join(' * ')}` : `| ${c.name}`);
    }
  });
  emit(g, '');
  return decl;
}

/** A static array (`Array.zeroCreate<T> N` or a literal `[| ... |]`): a span that every
 *  function of the unit may read and write, so calls have side effects on shared state. */
function genStatic(g: Gen, id: number, k: number): void {
  const t = randomIntType(g.rng);
  const n = between(g.rng, 1, 8);
  const name = `p${id}_g${k}`;
  if (chance(g.rng, 0.5)) emit(g, `let ${name} = Array.zeroCreate<${anyName(g.rng, t)}> ${n}`);
  else emit(g, `let ${name} = [| ${Array.from({ length: n }, () => randomLiteral(g.rng, t).replace(/^\((.*)\)$/, '$1')).join('; ')} |]`);
  emit(g, '');
  g.globals.push({ name, ty: { kind: 'buffer', t, length: n, span: true }, mutable: false, assignable: false, uses: 0 });
}

/** One random program unit from its seed; `id` makes its top-level names unique. */
export function generateUnit(seed: number, id: number): GeneratedUnit {
  const g = newGen(makeRng(seed), `p${id}`);
  emit(g, `// unit p${id}, seed ${seed}`);
  for (let k = chance(g.rng, 0.5) ? between(g.rng, 1, 2) : 0; k > 0; k--) genStatic(g, id, k);
  const records = between(g.rng, 0, 2);
  for (let k = 0; k < records; k++) g.records.push(genRecordDecl(g, id, k));
  if (chance(g.rng, 0.5)) g.unions.push(genUnionDecl(g, id, 0));
  const helpers = between(g.rng, 0, 4);
  for (let k = 0; k < helpers; k++) {
    const kind = below(g.rng, 10);
    if (kind < 2) g.fns.push(genRecursive(g, k));
    else if (kind < 3) g.fns.push(...genMutual(g, k));
    else g.fns.push(genHelper(g, k));
    emit(g, '');
  }
  const test = `p${id}_test`;
  emit(g, `let ${test} (z: int) : int =`);
  nested(g, () => {
    emit(g, `Console.writeln "== p${id}"`);
    emit(g, 'let mutable acc = 0');
    g.fnDepth = 1;
    g.vars.push(...g.globals);
    // values the compiler cannot fold: z is argv.Length (0 in the test) at run time
    for (let k = between(g.rng, 2, 4); k > 0; k--) {
      const t = randomIntType(g.rng);
      const v = fresh(g, 'v');
      emit(g, `let ${v} = ${anyName(g.rng, t)} (z ${pick(g.rng, ['+', '-', '^^^', '|||'])} ${randomLiteral(g.rng, I64)})`);
      addVar(g, v, gInt(t));
    }
    genStmts(g, between(g.rng, 6, 14));
    // every helper, called a few times with arguments that depend on the round
    for (const f of g.fns) {
      for (const p of f.params) if (p.ty.kind === 'buffer' && !canCall(g, f)) genStackalloc(g, p.ty);
      if (!canCall(g, f)) continue;
      if (f.cost * 4 > CALL_LIMIT) {
        if (f.calls === 0) useFn(g, f);
        continue;
      }
      const k = fresh(g, 'k');
      emit(g, `for ${k} in 0 .. 3 do`);
      loopBody(g, 4, () => {
        addVar(g, k, gInt(I64));
        useFn(g, f);
      });
    }
    for (const v of g.globals) observeVar(g, v);
    g.fnDepth = 0;
    emit(g, `Console.writeln ("p${id} acc " + Format.int acc)`);
    emit(g, 'acc');
  });
  emit(g, '');
  return { id, seed, text: g.lines.join('\n'), test };
}

/** The seed of the i-th unit of a run with seed `base` (units are independent). */
export function unitSeed(base: number, i: number): number {
  return (Math.imul(base ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(i + 1, 0x85ebca6b)) >>> 0;
}

function mainText(units: GeneratedUnit[]): string {
  const lines = ['[<EntryPoint>]', 'let main argv =', '    let mutable acc = 0'];
  lines.splice(2, 0, '    let z = argv.Length');
  for (const u of units) lines.push(`    acc <- (acc * 31) + ${u.test} z`);
  lines.push('    acc &&& 255', '');
  return lines.join('\n');
}

/** A whole program of several units (a batch), or of one. */
export function programOf(units: GeneratedUnit[], name = 'Batch'): string {
  return [`module Gen.${name}`, '', ...units.map((u) => u.text), mainText(units)].join('\n');
}

/** The standalone program of one seed. */
export function generateProgram(seed: number): string {
  return programOf([generateUnit(seed, 0)], `Seed${seed}`);
}

/** `count` units from `base`, numbered from `first`. */
export function generateBatch(base: number, first: number, count: number): GeneratedUnit[] {
  return Array.from({ length: count }, (_, k) => generateUnit(unitSeed(base, first + k), first + k));
}

