// The runtime library (Builtin nodes): console input/output and Format.*.
import type { CExpr } from '../../compiler/core/core.ts';
import { formatChar, formatFloat } from './format.ts';
import type { Machine } from './machine.ts';
import type { Value } from './values.ts';

type BuiltinNode = CExpr & { kind: 'Builtin' };

/** Console.readln: the next line of standard input without its line end ("\n" or
 *  "\r\n"); at end of input it returns "" (Clef has no null). */
function readLine(m: Machine): string {
  if (m.stdinPos >= m.stdin.length) return '';
  return m.stdin[m.stdinPos++]!;
}

/** Splits standard input into the lines Console.readln returns. */
export function stdinLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

export function applyBuiltin(m: Machine, e: BuiltinNode, vs: Value[]): Value {
  switch (e.name) {
    case 'Console.write':
      m.write(vs[0] as string);
      return null;
    case 'Console.writeln':
      m.write((vs[0] as string) + '\n');
      return null;
    case 'Console.readln':
      return readLine(m);
    case 'Format.int':
    case 'Format.int64':
    case 'Format.uint64':
      return (vs[0] as bigint).toString();
    case 'Format.float': {
      const t = e.args[0]?.ty;
      return formatFloat(vs[0] as number, t?.kind === 'float' ? t.bits : 64);
    }
    case 'Format.bool':
      return (vs[0] as boolean) ? 'true' : 'false';
    case 'Format.char':
      return formatChar(vs[0] as bigint);
    default: {
      const _never: never = e.name;
      return _never;
    }
  }
}
