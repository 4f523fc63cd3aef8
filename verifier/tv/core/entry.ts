// The check of `@clef_entry`, the wrapper core-to-mlir emits around the program's entry and
// the runtime's C `main` calls (runtime/clef_rt.c). It is no Core function, so no Core ->
// MLIR row covered it (review 24 F4: a wrapper returning 7 instead of main's exit code showed
// in no row). Core defines what running a program means (verifier/semantics/run.ts, CLEF.md
// "main's result is the process exit code"): main gets the whole command line (argv without
// the program name: the window from 0 of `clef_argc()` strings), and the exit code is its int
// result modulo 256, or 0 for a unit result. That definition is written here as an MLIR
// function over the same module — the source — and the target's `@clef_entry` must refine it
// under validateFunction, the check of every MLIR pair: `@clef.main` has its body on both
// sides, so it is one function there (its own core-to-mlir row checks it against Core), and
// `@clef_argc` is the runtime's. The target's result is taken modulo 256 first, as the C
// `main` does with it (`return (int)(code & 255)`), so that a wrapper extending the code
// otherwise than the definition does is not refuted for bits no one observes.
import type { CoreProgram, CoreFn } from '../../../compiler/core/core.ts';
import type { Module, Operation, Type } from '../../../compiler/mlir/ir.ts';
import { getAttr } from '../../../compiler/mlir/ir.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { printType } from '../../../compiler/mlir/print-type-attr.ts';
import { isStringSpan } from '../../../compiler/codegen/lower-types.ts';
import { ENTRY_SYMBOL } from '../../../compiler/codegen/runtime-abi.ts';
import { moduleInfo, type ModuleInfo } from '../../semantics/mlir/module-info.ts';
import { Unsupported } from '../../semantics/mlir/values.ts';
import { validateFunction } from '../validate.ts';
import type { FunctionVerdict, ValidateOptions } from '../verdict.ts';
import { mlirName } from './names.ts';

/** What the row says the target was checked against. */
export const ENTRY_CONTRACT = "Core's program entry: main called once with the whole command line, its int result modulo 256 the exit code";

/** The entry's row, or null for a program without an entry (nothing calls into it). */
export async function validateEntry(prog: CoreProgram, module: Module, info: ModuleInfo, opts: ValidateOptions): Promise<FunctionVerdict | null> {
  const t0 = performance.now();
  const fn = prog.entry ? prog.functions.find((f) => f.name === prog.entry) : undefined;
  if (!fn) return null;
  const row = (verdict: FunctionVerdict['verdict'], detail: string): FunctionVerdict => ({ name: ENTRY_SYMBOL, verdict, detail, timeMs: Math.round((performance.now() - t0) * 10) / 10 });
  // Core's run checks main's precondition (a violation where it fails), but no obligation
  // proves it for every command line — no Clef caller calls main — and main's own row holds
  // only where it does: on a command line that breaks it the native program runs on unchecked
  // (a `Requires("argv.Length > 0")` main reading argv.[0] exits 0 natively on an empty
  // command line, where Core's run stops; review 26)
  if (fn.requires.length) return row('unknown', `unknown: ${fn.name} has a precondition (Requires), which no obligation proves for every command line; its own row holds only where it does (against ${ENTRY_CONTRACT})`);
  const built = entryModules(fn, module, info);
  if (typeof built === 'string') return row('unsupported', `unsupported: ${built}`);
  let si: ModuleInfo;
  let ti: ModuleInfo;
  try {
    si = moduleInfo(built.src);
    ti = moduleInfo(built.tgt);
  } catch (e) {
    if (e instanceof Unsupported) return row('unsupported', `unsupported: ${e.message}`);
    throw e;
  }
  const v = await validateFunction(si, ti, si.funcs.get(ENTRY_SYMBOL)!, ti.funcs.get(ENTRY_SYMBOL)!, opts);
  return { ...v, name: ENTRY_SYMBOL, detail: `${v.detail} (against ${ENTRY_CONTRACT})`, timeMs: Math.round((performance.now() - t0) * 10) / 10 };
}

/** The source (the module with `@clef_entry` as Core defines it) and the target (the module
 *  with its own `@clef_entry`, every result taken modulo 256), or why there is no such pair. */
export function entryModules(fn: CoreFn, module: Module, info: ModuleInfo): { src: Module; tgt: Module } | string {
  const own = info.funcs.get(ENTRY_SYMBOL);
  if (!own?.body) return `the MLIR defines no @${ENTRY_SYMBOL} (the program's entry, which the runtime calls)`;
  if (own.dialect !== 'func' || own.params.length || own.results.length !== 1 || !isI64(own.results[0]!)) return `@${ENTRY_SYMBOL} is not a func.func of type () -> i64 (the runtime calls it as int64_t clef_entry(void))`;
  const main = info.funcs.get(mlirName(fn.name));
  if (!main || main.dialect !== 'func') return `the MLIR has no func.func @${mlirName(fn.name)} for the entry ${fn.name}`;
  const spec = specText(fn, main.params, main.results);
  if (spec.kind === 'no') return spec.why;
  const specOp = parseMlir(`module {\n${spec.text}\n}\n`, '<entry contract>').ops[0]!.regions[0]!.blocks[0]!.ops[0]!;
  const masked = maskResults(own.op);
  return { src: replaceEntry(module, specOp), tgt: replaceEntry(module, masked) };
}

const isI64 = (t: Type) => t.kind === 'integer' && t.width === 64;

/** Core's run of the entry (verifier/semantics/run.ts) in MLIR terms: a string-span parameter
 *  is the command line's window (0, clef_argc()), the two i64 words of core-to-mlir's span
 *  (verifier/tv/core/arguments.ts 'argv'); a unit parameter has no MLIR word; an int result
 *  (one iN word) is the exit code modulo 256, a unit result exits 0. */
function specText(fn: CoreFn, params: Type[], results: Type[]): { kind: 'ok'; text: string } | { kind: 'no'; why: string } {
  const no = (why: string) => ({ kind: 'no' as const, why });
  const lines: string[] = [];
  const args: string[] = [];
  for (const p of fn.params) {
    if (isStringSpan(p.ty)) {
      lines.push('%argc = func.call @clef_argc() : () -> i64', '%from = arith.constant 0 : i64');
      args.push('%from', '%argc');
    } else if (p.ty.kind !== 'unit') return no(`an entry point taking ${p.ty.kind} (Core passes it the command line only)`);
  }
  if (args.length !== params.length || !params.every(isI64)) return no(`@${mlirName(fn.name)} takes (${params.map((t) => printType(t)).join(', ')}), not the command line's two i64 words`);
  const call = `func.call @${mlirName(fn.name)}(${args.join(', ')}) : (${params.map((t) => printType(t)).join(', ')}) -> (${results.map((t) => printType(t)).join(', ')})`;
  if (fn.ret.kind === 'unit') {
    if (results.length) return no(`@${mlirName(fn.name)} returns values for a unit result`);
    lines.push(call, '%code = arith.constant 0 : i64');
  } else if (fn.ret.kind === 'int') {
    const r = results[0];
    if (results.length !== 1 || r?.kind !== 'integer' || r.signedness !== 'signless') return no(`@${mlirName(fn.name)} does not return one integer word for an int result`);
    lines.push(`%result = ${call}`);
    const w = r.width;
    if (w !== 64) lines.push(`%wide = arith.${w < 64 ? 'extui' : 'trunci'} %result : i${w} to i64`);
    lines.push('%byte = arith.constant 255 : i64', `%code = arith.andi ${w === 64 ? '%result' : '%wide'}, %byte : i64`);
  } else return no(`an entry point returning ${fn.ret.kind} (the exit code is an int)`);
  return { kind: 'ok', text: [`func.func @${ENTRY_SYMBOL}() -> i64 {`, ...lines.map((l) => `  ${l}`), '  return %code : i64', '}'].join('\n') };
}

let masks = 0;

/** The function with `x & 255` returned wherever it returns `x` (what the C main exits with). */
function maskResults(op: Operation): Operation {
  const copy = structuredClone(op);
  for (const block of copy.regions[0]?.blocks ?? []) {
    const at = block.ops.findIndex((o) => o.name === 'func.return');
    if (at < 0) continue;
    const ret = block.ops[at]!;
    const k = ++masks;
    const tpl = parseMlir(`module {\nfunc.func @m(%x: i64) -> i64 {\n  %exit.mask.${k} = arith.constant 255 : i64\n  %exit.code.${k} = arith.andi %x, %exit.mask.${k} : i64\n  return %exit.code.${k} : i64\n}\n}\n`, '<exit code>');
    const [c, and] = tpl.ops[0]!.regions[0]!.blocks[0]!.ops[0]!.regions[0]!.blocks[0]!.ops;
    and!.operands[0] = ret.operands[0]!;
    block.ops.splice(at, 1, c!, and!, { ...ret, operands: [and!.results[0]!] });
  }
  return copy;
}

/** The module with its `@clef_entry` op replaced (top level, or inside the builtin.module). */
function replaceEntry(module: Module, op: Operation): Module {
  const swap = (ops: Operation[]): Operation[] =>
    ops.map((o) => {
      if (o.name === 'builtin.module') return { ...o, regions: o.regions.map((r) => ({ blocks: r.blocks.map((b) => ({ ...b, ops: swap(b.ops) })) })) };
      const sym = getAttr(o.properties, 'sym_name') ?? getAttr(o.attributes, 'sym_name');
      return o.name === 'func.func' && sym?.kind === 'string' && sym.value === ENTRY_SYMBOL ? op : o;
    });
  return { ...module, ops: swap(module.ops) };
}
