// Runtime-library calls (Core `Builtin`): Console and Format.
import type { CExpr } from '../core/core.ts';
import { intToI64 } from './arith.ts';
import { emit, intInfo, internal, type FnState, type V, type Vals } from './emitter.ts';
import { STRING } from './lower-types.ts';
import { useRuntime } from './module-state.ts';
import { FORMAT_BUFFER } from './runtime-abi.ts';
import { boolText, formatCall, readLine } from './strings.ts';

type BuiltinNode = CExpr & { kind: 'Builtin' };

export function genBuiltin(f: FnState, e: BuiltinNode): Vals {
  const args = e.args.map((a) => f.gen(f, a));
  const a0 = (): V => {
    const v = args[0]?.[0];
    if (!v) throw internal(e.span, `${e.name} without an argument`);
    return v;
  };
  const t0 = e.args[0]?.ty;
  switch (e.name) {
    case 'Console.write':
    case 'Console.writeln': {
      const fn = useRuntime(f.mod, e.name === 'Console.write' ? 'clef_write' : 'clef_writeln');
      emit(f, `func.call ${fn}(${a0().ssa}) : (${STRING}) -> ()`);
      return [];
    }
    case 'Console.readln':
      return [readLine(f)];
    case 'Format.int':
    case 'Format.int64':
    case 'Format.uint64': {
      // The value's own signedness decides how it prints, as in the interpreter.
      const signed = t0 ? (intInfo(t0)?.signed ?? true) : true;
      return [formatCall(f, signed ? 'clef_fmt_i64' : 'clef_fmt_u64', intToI64(f, a0(), t0!), FORMAT_BUFFER)];
    }
    case 'Format.float':
      return [formatCall(f, a0().ty === 'f32' ? 'clef_fmt_f32' : 'clef_fmt_f64', a0(), FORMAT_BUFFER)];
    case 'Format.bool':
      return [boolText(f, a0())];
    case 'Format.char':
      return [formatCall(f, 'clef_fmt_char', intToI64(f, a0(), t0!), FORMAT_BUFFER)];
    default: {
      const _never: never = e.name;
      return _never;
    }
  }
}
