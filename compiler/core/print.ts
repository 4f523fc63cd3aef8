// Core as readable text (`fidelity compile --emit core`). Stable: the same program always
// prints the same text. One block per function; statements (let, sequences, if/while with
// block bodies, stores) one per line, indented by two spaces; expressions inline. Every
// obligation is shown right after its operation as `{category#id}`.
//
//   static @table : Span<uint32> = [0u x 256]      (runs of 4+ equal values as `v x n`)
//   fn next(i: int) : int
//     ((i + 1) {overflow#next/overflow/3:27} % 4) {div-by-zero#...} {overflow#...}
//
// Notation: `@name` a static; `x.0` a tuple element; `(x as Some).0` a case field;
// `tag(x)` a case tag; `p.[i]` a load, `p.[i] <- v` a store; `^` string concatenation.
// Contract expressions (requires/ensures/invariant/decreases/assert/assume) are over
// mathematical integers.
import { showType } from '../types/types.ts';
import type { Type, TypeTable } from '../types/types.ts';
import type { CExpr, CoreConst, CoreFn, CoreProgram, Obligation, PrimOp, StaticData } from './core.ts';

export function printCore(p: CoreProgram): string {
  const out: string[] = [`// Core of ${p.file}`, `entry ${p.entry ?? '(none: a library)'}`, ''];
  for (const s of p.statics) out.push(printStatic(s));
  if (p.statics.length) out.push('');
  for (const f of p.functions) out.push(...printFn(p.types, f), '');
  return out.join('\n');
}

function printStatic(s: StaticData): string {
  const parts: string[] = [];
  for (let i = 0; i < s.values.length; ) {
    let j = i;
    while (j < s.values.length && s.values[j] === s.values[i]) j++;
    const v = constText(s.values[i]!, s.elem);
    if (j - i >= 4) parts.push(`${v} x ${j - i}`);
    else for (let k = i; k < j; k++) parts.push(v);
    i = j;
  }
  return `static @${s.name} : Span<${showType(s.elem)}> = [${parts.join('; ')}]`;
}

function printFn(types: TypeTable, f: CoreFn): string[] {
  const pr = new Printer(types);
  const params = f.params.map((p) => `${p.name}: ${showType(p.ty)}`).join(', ');
  const lines = [`fn ${f.name}(${params}) : ${showType(f.ret)}${f.liftedFrom ? `  // lifted from ${f.liftedFrom}` : ''}`];
  for (const r of f.requires) lines.push(`  requires ${pr.inl(r)}`);
  for (const e of f.ensures) lines.push(`  ensures ${pr.inl(e)}`);
  if (f.decreases) lines.push(`  decreases ${pr.inl(f.decreases)}`);
  if (f.obs.length) lines.push(`  obligations${obsText(f.obs)}`);
  lines.push(...pr.stmts(f.body, 1));
  return lines;
}

function obsText(obs: readonly Obligation[]): string {
  return obs.map((o) => ` {${o.category}#${o.id}}`).join('');
}

const INT_SUFFIX: Record<string, string> = {
  sbyte: 'y', byte: 'uy', int16: 's', uint16: 'us', int32: 'l', uint32: 'u', int: '', uint64: 'UL',
};

function constText(v: CoreConst, ty: Type): string {
  if (v === null) return '()';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') {
    if (ty.kind === 'char') {
      const n = Number(v);
      if (n >= 0x20 && n < 0x7f && n !== 0x27 && n !== 0x5c) return `'${String.fromCharCode(n)}'`;
      return `'\\u{${v.toString(16)}}'`;
    }
    return `${v}${INT_SUFFIX[showType(ty)] ?? ''}`;
  }
  const single = ty.kind === 'float' && ty.bits === 32 ? 'f' : '';
  if (Number.isNaN(v)) return `nan${single}`;
  if (!Number.isFinite(v)) return `${v < 0 ? '-' : ''}infinity${single}`;
  const s = Object.is(v, -0) ? '-0' : String(v);
  return (/[.e]/.test(s) ? s : `${s}.0`) + single;
}

const INFIX: Partial<Record<PrimOp, string>> = {
  add: '+', sub: '-', mul: '*', div: '/', rem: '%', band: '&&&', bor: '|||', bxor: '^^^', shl: '<<<', shr: '>>>',
  eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=', strcat: '^',
};

/** Is `s` one parenthesised group, `( ... )`? */
function wrapped(s: string): boolean {
  if (!s.startsWith('(')) return false;
  let depth = 0;
  let quote = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i === s.length - 1;
  }
  return false;
}

/** Wide lines are fine, but an `if` whose one-line form is wider than this is a block. */
const WIDTH = 100;

class Printer {
  constructor(private types: TypeTable) {}

  private caseName(ty: Type, tag: number): string {
    if (ty.kind !== 'union') return `#${tag}`;
    return this.types.unions.get(ty.name)?.cases.find((c) => c.tag === tag)?.name ?? `#${tag}`;
  }

  private fieldName(ty: Type, index: number): string {
    if (ty.kind !== 'record') return `#${index}`;
    return this.types.records.get(ty.name)?.fields[index]?.name ?? `#${index}`;
  }

  /** An operand: wrapped in parentheses unless it is atomic. */
  private atom(e: CExpr): string {
    const s = this.inl(e);
    return /^[\w@.'"]+$/.test(s) || wrapped(s) ? s : `(${s})`;
  }

  private cache = new WeakMap<CExpr, string>();

  /** One-line form of any expression (memoised: block layout asks for widths). */
  inl(e: CExpr): string {
    let s = this.cache.get(e);
    if (s === undefined) {
      s = this.line(e);
      this.cache.set(e, s);
    }
    return s;
  }

  private line(e: CExpr): string {
    const o = 'obs' in e ? obsText(e.obs) : '';
    switch (e.kind) {
      case 'Const':
        return constText(e.value, e.ty);
      case 'Var':
        return e.name;
      case 'Static':
        return `@${e.name}`;
      case 'Let':
        return `(let ${e.mutable ? 'mutable ' : ''}${e.name}: ${showType(e.init.ty)} = ${this.inl(e.init)} in ${this.inl(e.body)})`;
      case 'Assign':
        return `${e.name} <- ${this.inl(e.value)}`;
      case 'Seq':
        return `(${e.items.map((i) => this.inl(i)).join('; ')})`;
      case 'If':
        return `(if ${this.inl(e.cond)} then ${this.inl(e.then)} else ${this.inl(e.else)})`;
      case 'While':
        return `(while ${this.inl(e.cond)} do ${this.inl(e.body)})${o}`;
      case 'Prim': {
        const infix = INFIX[e.op];
        if (infix && e.args.length === 2) return `(${this.inl(e.args[0]!)} ${infix} ${this.inl(e.args[1]!)})${o}`;
        const pre = e.op === 'neg' ? '-' : e.op === 'bnot' ? '~~~' : e.op === 'not' ? 'not ' : null;
        if (pre) return `(${pre}${this.atom(e.args[0]!)})${o}`;
        return `${e.op}(${e.args.map((a) => this.inl(a)).join(', ')})${o}`;
      }
      case 'Convert':
        return `${showType(e.ty)}(${this.inl(e.arg)})${o}`;
      case 'Call':
        return `${e.fn}(${e.args.map((a) => this.inl(a)).join(', ')})${o}`;
      case 'Builtin':
        return `${e.name}(${e.args.map((a) => this.inl(a)).join(', ')})`;
      case 'Tuple':
        return `(${e.items.map((a) => this.inl(a)).join(', ')})`;
      case 'TupleGet':
        return `${this.atom(e.tuple)}.${e.index}`;
      case 'Record':
        return `${showType(e.ty)} { ${e.fields.map((f, i) => `${this.fieldName(e.ty, i)} = ${this.inl(f)}`).join('; ')} }`;
      case 'RecordGet':
        return `${this.atom(e.record)}.${this.fieldName(e.record.ty, e.index)}`;
      case 'MakeCase': {
        const name = this.caseName(e.ty, e.tag);
        return e.payload.length ? `${name}(${e.payload.map((a) => this.inl(a)).join(', ')})` : name;
      }
      case 'CaseTag':
        return `tag(${this.inl(e.value)})`;
      case 'CaseField':
        return `(${this.inl(e.value)} as ${this.caseName(e.value.ty, e.tag)}).${e.index}`;
      case 'StackAlloc':
        return `stackalloc<${showType(e.elem)}>(${this.inl(e.count)})${o}`;
      case 'PtrAdd':
        return `ptradd(${this.inl(e.ptr)}, ${this.inl(e.offset)})${o}`;
      case 'Load':
        return `${this.atom(e.target)}.[${this.inl(e.index)}]${o}`;
      case 'Store':
        return `${this.atom(e.target)}.[${this.inl(e.index)}] <- ${this.inl(e.value)}${o}`;
      case 'SpanOfPtr':
        return `span(${this.inl(e.ptr)}, ${this.inl(e.length)})${o}`;
      case 'SpanSlice':
        return `slice(${this.inl(e.source)}, ${this.inl(e.start)}, ${this.inl(e.length)})${o}`;
      case 'SpanLength':
        return `${this.atom(e.source)}.Length`;
      case 'Extent':
        return `extent(${this.inl(e.ptr)})`;
      case 'ArenaCreate':
        return `arena(${e.capacity})`;
      case 'ArenaAlloc':
        return `arena.alloc<${showType(e.elem)}>(${this.inl(e.arena)}, ${this.inl(e.count)})${o}`;
      case 'ArenaRemaining':
        return `arena.remaining(${this.inl(e.arena)})`;
      case 'ArenaReset':
        return `arena.reset(${this.inl(e.arena)})`;
      case 'RegionCreate':
        return 'region()';
      case 'RegionAlloc':
        return `region.alloc<${showType(e.elem)}>(${this.inl(e.region)}, ${this.inl(e.count)})${o}`;
      case 'RegionRelease':
        return `region.release(${this.inl(e.region)})${o}`;
      case 'RegionCopyOut':
        return `region.copyOut(${this.inl(e.arena)}, ${this.inl(e.source)})${o}`;
      case 'Assert':
        return `assert ${this.atom(e.cond)}${o}`;
      case 'Assume':
        return `assume ${this.atom(e.cond)}`;
      case 'Fail':
        return `fail${o}`;
      case 'Quant':
        return `(${e.q} ${e.var} in ${this.inl(e.from)} .. ${this.inl(e.to)} -> ${this.inl(e.body)})`;
    }
  }

  private isBlock(e: CExpr): boolean {
    switch (e.kind) {
      case 'Let':
      case 'Seq':
      case 'While':
        return true;
      case 'If':
        return this.isBlock(e.then) || this.isBlock(e.else) || this.inl(e).length > WIDTH;
      default:
        return false;
    }
  }

  /** Statement form: one line per statement, nested blocks indented. */
  stmts(e: CExpr, depth: number): string[] {
    const ind = '  '.repeat(depth);
    switch (e.kind) {
      case 'Let': {
        const head = `${ind}let ${e.mutable ? 'mutable ' : ''}${e.name}: ${showType(e.init.ty)} =`;
        const init = this.isBlock(e.init) ? [head, ...this.stmts(e.init, depth + 1)] : [`${head} ${this.inl(e.init)}`];
        return [...init, ...this.stmts(e.body, depth)];
      }
      case 'Seq':
        return e.items.flatMap((i) => this.stmts(i, depth));
      case 'If': {
        if (!this.isBlock(e)) return [`${ind}${this.inl(e).replace(/^\((.*)\)$/, '$1')}`];
        const lines = [`${ind}if ${this.inl(e.cond)} then`, ...this.stmts(e.then, depth + 1)];
        let rest: CExpr = e.else;
        while (rest.kind === 'If') {
          lines.push(`${ind}elif ${this.inl(rest.cond)} then`, ...this.stmts(rest.then, depth + 1));
          rest = rest.else;
        }
        if (!(rest.kind === 'Const' && rest.value === null)) lines.push(`${ind}else`, ...this.stmts(rest, depth + 1));
        return lines;
      }
      case 'While': {
        const lines = [`${ind}while ${this.inl(e.cond)} do${obsText(e.obs)}`];
        for (const i of e.invariants) lines.push(`${ind}  invariant ${this.inl(i)}`);
        if (e.decreases) lines.push(`${ind}  decreases ${this.inl(e.decreases)}`);
        return [...lines, ...this.stmts(e.body, depth + 1)];
      }
      default:
        return [`${ind}${this.inl(e)}`];
    }
  }
}
