// Compile-time constants: built-in values (`Int32.MaxValue`) and top-level values whose
// initialiser is a constant expression (`let Capacity = 4`, `let Size = 4 * 1024`). Those
// are inlined at every use, so `NativePtr.stackalloc<int> Capacity` has a constant count.
// Folding stops at anything that would carry an obligation (overflow, division by zero):
// such a value stays a computation, and its obligation stays visible.
import type { Expr } from '../syntax/ast.ts';
import type { Type } from '../types/types.ts';
import type { CoreConst } from './core.ts';
import type { Global } from './context.ts';
import { litConst } from './elab-match.ts';
import { typeOf } from './type-util.ts';

/** `Int32.MaxValue` and friends, at the type the checker gave them. */
export function builtinValue(name: string, ty: Type): CoreConst | undefined {
  const m = /\.(MaxValue|MinValue)$/.exec(name);
  if (!m || ty.kind !== 'int') return undefined;
  const b = BigInt(ty.bits);
  if (m[1] === 'MaxValue') return ty.signed ? (1n << (b - 1n)) - 1n : (1n << b) - 1n;
  return ty.signed ? -(1n << (b - 1n)) : 0n;
}

function fits(v: bigint, ty: Type & { kind: 'int' }): boolean {
  return (ty.signed ? BigInt.asIntN(ty.bits, v) : BigInt.asUintN(ty.bits, v)) === v;
}

function wrap(v: bigint, ty: Type & { kind: 'int' }): bigint {
  return ty.signed ? BigInt.asIntN(ty.bits, v) : BigInt.asUintN(ty.bits, v);
}

/** The value of a constant expression, or undefined. `globals` resolves names of earlier
 *  constants. */
export function constValue(e: Expr, globals: Map<string, Global>): CoreConst | undefined {
  switch (e.kind) {
    case 'Lit':
      return litConst(e.lit, typeOf(e));
    case 'Annot':
      return constValue(e.expr, globals);
    case 'Name': {
      const g = globals.get(e.name);
      if (g) return g.kind === 'const' ? g.value : undefined;
      return builtinValue(e.res?.kind === 'builtin' ? e.res.name : e.name, typeOf(e));
    }
    case 'Unary': {
      const v = constValue(e.operand, globals);
      const ty = typeOf(e);
      if (e.op === 'not' && typeof v === 'boolean') return !v;
      if (typeof v === 'number' && e.op === '-') return -v;
      if (typeof v !== 'bigint' || ty.kind !== 'int') return undefined;
      if (e.op === '-') {
        // A negated literal is the literal itself (MinValue is written this way).
        if (e.operand.kind === 'Lit') return wrap(-v, ty);
        return fits(-v, ty) ? -v : undefined;
      }
      if (e.op === '~~~') return wrap(~v, ty);
      return undefined;
    }
    case 'Binary': {
      const ty = typeOf(e);
      const a = constValue(e.left, globals);
      const b = constValue(e.right, globals);
      if (typeof a !== 'bigint' || typeof b !== 'bigint' || ty.kind !== 'int') return undefined;
      const shift = (n: bigint) => n & BigInt(ty.bits - 1);
      let r: bigint;
      switch (e.op) {
        case '+': r = a + b; break;
        case '-': r = a - b; break;
        case '*': r = a * b; break;
        case '/': if (b === 0n) return undefined; r = a / b; break;
        case '%': if (b === 0n) return undefined; r = a % b; break;
        case '&&&': return wrap(a & b, ty);
        case '|||': return wrap(a | b, ty);
        case '^^^': return wrap(a ^ b, ty);
        case '<<<': return wrap(a << shift(b), ty);
        case '>>>': return wrap(a >> shift(b), ty);
        default: return undefined;
      }
      if (ty.signed) return fits(r, ty) ? r : undefined;
      return wrap(r, ty); // unsigned arithmetic wraps without an obligation
    }
    default:
      return undefined;
  }
}
