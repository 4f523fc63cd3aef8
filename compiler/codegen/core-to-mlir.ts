// core-to-mlir: a Core program as an MLIR module in the custom syntax of the upstream
// dialects func, arith, scf, memref (and builtin), ready for the real mlir-opt lowering
// pipeline (native.ts). Each Core function becomes `func.func @clef.<name>` over the
// flattened components of its parameters and result; the program's entry gets a wrapper
// `@clef_entry` that the runtime's C `main` calls. The text is a function of the Core
// alone: the same program always gives the same text.
import type { CoreFn, CoreProgram } from '../core/core.ts';
import type { Type } from '../types/types.ts';
import { intToI64 } from './arith.ts';
import { MARK_SLOT, constInt, emit, fresh, opN, typesOf, names, type FnState, type Vals } from './emitter.ts';
import { valueOf } from './control.ts';
import { gen } from './expr.ts';
import { components, isStringSpan, mlirTypes, unsupported } from './lower-types.ts';
import { staticGlobals } from './memory.ts';
import { moduleHeader, newModuleState, useRuntime, type ModuleState } from './module-state.ts';
import { ENTRY_SYMBOL } from './runtime-abi.ts';
import type { CodegenResult, CodegenWitness, FnWitness } from './witness.ts';

function newFn(mod: ModuleState, core: CoreFn, symbol: string): FnState {
  return { mod, core, symbol, lines: [], depth: 1, next: 0, env: new Map(), consts: [new Map()], loops: [], marked: false, gen };
}

function resultText(types: string[]): string {
  if (types.length === 0) return '';
  return ` -> ${types.length === 1 ? types[0] : `(${types.join(', ')})`}`;
}

function genFunction(mod: ModuleState, fn: CoreFn, witness: CodegenWitness): string[] {
  const symbol = mod.fnSymbols.get(fn.name)!;
  const f = newFn(mod, fn, symbol);
  const fw: FnWitness = { fn: fn.name, symbol, params: [], results: mlirTypes(mod.types, fn.ret, fn.span) };
  const params: string[] = [];
  for (const p of fn.params) {
    const vs: Vals = components(mod.types, p.ty, p.span).map((c, part) => {
      const ssa = fresh(f, p.name);
      fw.params.push({ var: p.name, part, ty: c.mlir, arg: params.length });
      params.push(`${ssa}: ${c.mlir}`);
      return { ssa, ty: c.mlir };
    });
    f.env.set(p.name, vs);
  }
  const result = valueOf(f, fn.body, fw.results.length);
  if (result.length) emit(f, `return ${names(result)} : ${typesOf(result)}`);
  else emit(f, 'return');
  witness.functions.push(fw);
  witness.loops.push(...f.loops);
  const body = [...(f.marked ? MARK_SLOT.map((l) => '  ' + l) : []), ...f.lines];
  return [`  func.func ${symbol}(${params.join(', ')})${resultText(fw.results)} {`, ...body.map((l) => '  ' + l), '  }'];
}

/** `@clef_entry() -> i64`: calls the entry function with the command line (when it takes
 *  one) and returns its result as the exit code. */
function entryWrapper(mod: ModuleState, fn: CoreFn): string[] {
  const f = newFn(mod, fn, `@${ENTRY_SYMBOL}`);
  const args: Vals = [];
  for (const p of fn.params) {
    if (isStringSpan(p.ty)) {
      const [n] = opN(f, ['i64'], `func.call ${useRuntime(mod, 'clef_argc')}() : () -> i64`, 'argc');
      args.push(constInt(f, 0, 'i64'), n!);
    } else if (p.ty.kind !== 'unit') return unsupported(p.span, `an entry point taking ${p.ty.kind} (it takes argv: Span<string>)`);
  }
  const res = mlirTypes(mod.types, fn.ret, fn.span);
  const r = opN(f, res, `func.call ${mod.fnSymbols.get(fn.name)}(${names(args)}) : (${typesOf(args)}) -> ${res.length === 1 ? res[0] : `(${res.join(', ')})`}`, 'code');
  const code = exitCode(f, r, fn.ret, fn);
  emit(f, `return ${code} : i64`);
  return [`  func.func @${ENTRY_SYMBOL}() -> i64 {`, ...f.lines.map((l) => '  ' + l), '  }'];
}

function exitCode(f: FnState, r: Vals, ret: Type, fn: CoreFn): string {
  if (ret.kind === 'unit') return constInt(f, 0, 'i64').ssa;
  if (ret.kind !== 'int' || !r[0]) return unsupported(fn.span, `an entry point returning ${ret.kind} (it returns the exit code, an int)`);
  return intToI64(f, r[0], ret).ssa;
}

export function coreToMlirWithWitness(p: CoreProgram): CodegenResult {
  const mod = newModuleState(p);
  const witness: CodegenWitness = { functions: [], loops: [] };
  const statics = staticGlobals({ mod });
  const fns = p.functions.flatMap((fn) => genFunction(mod, fn, witness));
  const entry = p.entry ? p.functions.find((fn) => fn.name === p.entry) : undefined;
  const wrapper = entry ? entryWrapper(mod, entry) : [];
  const header = [...statics, ...moduleHeader(mod)].map((l) => '  ' + l);
  const text = ['module {', ...header, ...fns, ...wrapper, '}', ''].join('\n');
  return { text, witness };
}

/** The MLIR text of a Core program (see coreToMlirWithWitness for the loop witness). */
export function coreToMlir(p: CoreProgram): string {
  return coreToMlirWithWitness(p).text;
}
