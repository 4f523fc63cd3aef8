// What a row rests on. Every check is modular: a call of a function with a
// body is taken to behave as that function's own row of the same pass shows (same name on
// both sides = same function; verifier/tv/README.md, verifier/tv/core/README.md "Calls are
// modular"). So `proved` means "proved, given the rows of the functions it calls, directly
// or not". The table alone does not say so; where one of those rows is not proved, a note
// under the table names it, so that no row reads stronger than what was shown. A Core ->
// MLIR proof of a function without inputs by its one execution (closed-run.ts) ran its
// callees' bodies on both sides: it rests on no other row.
import { opAttr, walk, type Module } from '../../compiler/mlir/ir.ts';
import { moduleInfo } from '../../verifier/semantics/mlir/module-info.ts';
import { toJson, type PassVerdict } from './verdicts.ts';
import type { Stage } from '../../compiler/passes/pass.ts';
import { parseMlir } from '../../compiler/mlir/parse.ts';
import { ONE_EXECUTION } from '../../verifier/tv/core/closed-run.ts';

/** For each function with a body, the functions with a body it calls (func.call, llvm.call).
 *  `pairedWith`: `tv`'s other module — a callee declared here without a body but with one
 *  there counts too (its row, one side only, is not proved; the caller's rests on it). */
export function calleesOf(m: Module, pairedWith?: Module): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let info;
  let other;
  try {
    info = moduleInfo(m);
  } catch {
    return out; // a module the semantics cannot read: its rows say so themselves
  }
  try {
    other = pairedWith ? moduleInfo(pairedWith) : undefined;
  } catch {
    // (as above: only this module's bodies count)
  }
  for (const [name, f] of info.funcs) {
    if (!f.body) continue;
    const called = new Set<string>();
    for (const b of f.body.blocks) {
      for (const op of walk(b.ops)) {
        if (op.name !== 'func.call' && op.name !== 'llvm.call') continue;
        const c = opAttr(op, 'callee');
        if (c?.kind === 'symbolRef' && (info.funcs.get(c.root)?.body || other?.funcs.get(c.root)?.body)) called.add(c.root);
      }
    }
    out.set(name, [...called]);
  }
  return out;
}

/** The key of a pass of one program in `relianceNotes`' `callees`. */
export const passKey = (file: string | undefined, pass: string) => `${file ?? ''}\u0000${pass}`;

/** A proved or bounded row and the rows it rests on (its callees, directly or not, in the
 *  same pass of the same program) that are not proved, in the order they are reached. */
export type Reliance = { file: string; pass: string; name: string; verdict: string; notProved: { name: string; verdict: string }[] };

/** The rows that are proved or bounded while a function they call (transitively, in the same
 *  pass of the same program) has a row that is not proved. `callees`: per passKey(file,
 *  pass), calleesOf the module whose functions the pass's rows name. */
export function reliances(rows: PassVerdict[], callees: Map<string, Map<string, string[]>>): Reliance[] {
  const out: Reliance[] = [];
  for (const [key, calls] of callees) {
    const [file, pass] = key.split('\u0000') as [string, string];
    const mine = rows.filter((r) => (r.pass ?? '') === pass && (r.file ?? '') === file);
    const verdict = new Map(mine.map((r) => [r.name, r.verdict]));
    // a closed function's proof ran its callees' bodies: it rests on no callee row
    const byOneRun = new Set(mine.filter((r) => r.verdict === 'proved' && r.detail.includes(ONE_EXECUTION)).map((r) => r.name));
    for (const [fn, v] of verdict) {
      if (v !== 'proved' && !v.startsWith('bounded')) continue;
      if (byOneRun.has(fn)) continue;
      const weak: Reliance['notProved'] = [];
      const seen = new Set([fn]);
      const todo = [...(calls.get(fn) ?? [])];
      while (todo.length) {
        const g = todo.shift()!;
        if (seen.has(g)) continue;
        seen.add(g);
        const w = verdict.get(g);
        if (w !== undefined && w !== 'proved') weak.push({ name: g, verdict: w });
        todo.push(...(calls.get(g) ?? []));
      }
      if (weak.length) out.push({ file, pass, name: fn, verdict: v, notProved: weak });
    }
  }
  return out;
}

/** The note printed under the table for each of `reliances`. */
export function relianceNotes(rows: PassVerdict[], callees: Map<string, Map<string, string[]>>): string[] {
  return reliances(rows, callees).map(
    (r) => `note: ${r.file ? `${r.file} ` : ''}${r.pass ? `${r.pass} ` : ''}@${r.name} is ${r.verdict} given the rows of the functions it calls; not proved among them: ${r.notProved.map((w) => `@${w.name} (${w.verdict})`).join(', ')}`,
  );
}

/** The JSON records of `rows` (verdicts.ts toJson), each proved or bounded row that rests on
 *  a callee's row that is not proved carrying `"unproved_callees":[{"name","verdict"}]` —
 *  the note under the table, for a reader of the JSON. Other records are unchanged. */
export function jsonWithReliance(rows: PassVerdict[], callees: Map<string, Map<string, string[]>>): Record<string, unknown>[] {
  const key = (file: string | undefined, pass: string | undefined, name: string) => `${passKey(file, pass ?? '')}\u0000${name}`;
  const on = new Map(reliances(rows, callees).map((r) => [key(r.file, r.pass, r.name), r.notProved]));
  return rows.map((v) => {
    const weak = on.get(key(v.file, v.pass, v.name));
    return { ...toJson(v), ...(weak ? { unproved_callees: weak } : {}) };
  });
}

/** calleesOf per pass of a pipeline's stages (keys: passKey(file, pass)): core-to-mlir's
 *  rows name the functions of the MLIR it emitted; an upstream pass's rows name its source
 *  stage's functions. */
export function passCallees(stages: Stage[], file?: string): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  const mlir = stages.filter((s) => s.kind === 'mlir' || s.kind === 'llvm-mlir');
  const parsed = mlir.map((s) => {
    try {
      return calleesOf(parseMlir(s.text, s.file));
    } catch {
      return new Map<string, string[]>(); // unparsable: the pass's rows say so themselves
    }
  });
  if (mlir[0]?.pass === 'core-to-mlir') out.set(passKey(file, 'core-to-mlir'), parsed[0]!);
  for (let i = 1; i < mlir.length; i++) out.set(passKey(file, mlir[i]!.pass), parsed[i - 1]!);
  return out;
}
