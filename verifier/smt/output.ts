// Reads what a solver prints back for our scripts: the check-sat answer, the get-value
// response (values are decoded by the sort of the variable asked for), the reason for
// `unknown`, the resource count, and any `(error ...)`. Responses are recognised by shape, not
// by position, because z3 and cvc5 answer commands that do not apply differently.
import { readSExprs, showSExpr, unquote, type SExpr } from './sexpr.ts';
import { arrayStore, evaluate, showValue, type ModelValue } from './model.ts';
import { TermFactory } from './factory.ts';
import { readTerm } from './reader.ts';
import { sortKey, type Sort, type Term } from './term.ts';
import { symbol } from './smtlib.ts';

export type ParsedOutput = {
  status: 'sat' | 'unsat' | 'unknown' | null;
  reasonUnknown?: string;
  /** Values of the variables asked for, when a get-value answer was found and decoded. */
  model?: Map<string, ModelValue>;
  /** Why the model could not be decoded (when values were asked for on a sat answer). */
  modelError?: string;
  resources?: number;
  errors: string[];
  /** Errors printed before the check-sat answer: the solver may have dropped an assertion. */
  errorsBeforeStatus: string[];
};

export function parseSolverOutput(text: string, wanted: Term[]): ParsedOutput {
  const out: ParsedOutput = { status: null, errors: [], errorsBeforeStatus: [] };
  let exprs: SExpr[];
  try {
    exprs = readSExprs(text);
  } catch (e) {
    out.errors.push(`unreadable solver output: ${(e as Error).message}`);
    return out;
  }
  const bySymbol = new Map<string, Term>();
  for (const v of wanted) if (v.kind === 'var') bySymbol.set(symbol(v.name), v);
  for (const e of exprs) {
    if (typeof e === 'string') {
      if (out.status === null && (e === 'sat' || e === 'unsat' || e === 'unknown')) out.status = e;
      continue;
    }
    const head = e[0];
    if (head === 'error' && typeof e[1] === 'string') {
      out.errors.push(unquote(e[1]));
      if (out.status === null) out.errorsBeforeStatus.push(unquote(e[1]));
    } else if (head === ':reason-unknown') {
      out.reasonUnknown = typeof e[1] === 'string' ? unquote(e[1]) : showSExpr(e[1] ?? '');
    } else if (head === ':all-statistics') {
      out.resources ??= cvc5Resources(e);
    } else if (typeof head === 'string' && head.startsWith(':')) {
      out.resources ??= z3Resources(e);
    } else if (e.length > 0 && e.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && bySymbol.has(p[0]))) {
      const model = new Map<string, ModelValue>();
      try {
        for (const p of e as [string, SExpr][]) {
          const v = bySymbol.get(p[0])!;
          if (v.kind === 'var') model.set(v.name, decodeValue(p[1], v.sort));
        }
        out.model = model;
      } catch (err) {
        out.modelError = (err as Error).message;
      }
    }
  }
  return out;
}

function z3Resources(e: SExpr[]): number | undefined {
  for (let i = 0; i + 1 < e.length; i++) if (e[i] === ':rlimit-count' && typeof e[i + 1] === 'string') return Number(e[i + 1]);
  return undefined;
}

function cvc5Resources(e: SExpr[]): number | undefined {
  const list = e[1];
  if (!Array.isArray(list)) return undefined;
  for (const p of list) {
    if (Array.isArray(p) && unquote(String(p[0])) === 'resource::resourceUnitsUsed' && typeof p[1] === 'string') return Number(p[1]);
  }
  return undefined;
}

export class ValueError extends Error {}

/** Decodes a solver's printed value of sort `s` (literals, const arrays, store chains, lets, ite lambdas). */
export function decodeValue(e: SExpr, s: Sort, env: Map<string, SExpr> = new Map()): ModelValue {
  if (typeof e === 'string') {
    const bound = env.get(e);
    if (bound !== undefined) return decodeValue(bound, s, env);
    return decodeAtom(e, s);
  }
  const head = e[0];
  if (head === 'let' && Array.isArray(e[1])) {
    const inner = new Map(env);
    for (const b of e[1]) if (Array.isArray(b) && typeof b[0] === 'string') inner.set(b[0], substitute(b[1]!, env));
    return decodeValue(e[2]!, s, inner);
  }
  if (head === '-' && e.length === 2 && s.kind === 'int') return -(decodeValue(e[1]!, s, env) as bigint);
  if (Array.isArray(head) && head[0] === '_' && typeof head[1] === 'string' && /^bv\d+$/.test(head[1])) {
    return decodeAtomIndexed(head[1], Number(head[2]), s);
  }
  if (head === '_' && typeof e[1] === 'string' && /^bv\d+$/.test(e[1])) return decodeAtomIndexed(e[1], Number(e[2]), s);
  if (s.kind === 'array') {
    // ((as const (Array I E)) v)
    if (Array.isArray(head) && head[0] === 'as' && head[1] === 'const') {
      return { kind: 'array', default: decodeValue(e[1]!, s.elem, env), entries: [] };
    }
    if (head === 'store' && e.length === 4) {
      const base = decodeValue(e[1]!, s, env);
      if (typeof base !== 'object') throw new ValueError('store on a non-array value');
      return arrayStore(base, decodeValue(e[2]!, s.index, env), decodeValue(e[3]!, s.elem, env));
    }
    if (head === 'lambda' && Array.isArray(e[1]) && e[1].length === 1) {
      try {
        return decodeLambda(e, s, env);
      } catch (err) {
        if (!(err instanceof ValueError)) throw err;
        return tabulateLambda(substitute(e, env) as SExpr[], s, err.message);
      }
    }
  }
  throw new ValueError(`cannot read a value of sort ${sortKey(s)} from ${showSExpr(e).slice(0, 200)}`);
}

function decodeAtom(a: string, s: Sort): ModelValue {
  switch (s.kind) {
    case 'bool':
      if (a === 'true') return true;
      if (a === 'false') return false;
      break;
    case 'bv': {
      let v: bigint | null = null;
      if (a.startsWith('#x')) v = BigInt('0x' + a.slice(2));
      else if (a.startsWith('#b')) v = BigInt('0b' + a.slice(2));
      if (v !== null) return BigInt.asUintN(s.width, v);
      break;
    }
    case 'int':
      if (/^\d+$/.test(a)) return BigInt(a);
      break;
    case 'array':
      break;
  }
  throw new ValueError(`cannot read '${a}' as ${sortKey(s)}`);
}

function decodeAtomIndexed(bvN: string, width: number, s: Sort): ModelValue {
  if (s.kind !== 'bv' || s.width !== width) throw new ValueError(`(_ ${bvN} ${width}) is not a ${sortKey(s)}`);
  return BigInt.asUintN(width, BigInt(bvN.slice(2)));
}

// (lambda ((x I)) (ite (= x c1) v1 (ite (= x c2) v2 ... vElse))): the form z3 uses for a
// finite array; anything else is not a table and is refused rather than guessed.
function decodeLambda(e: SExpr[], s: Extract<Sort, { kind: 'array' }>, env: Map<string, SExpr>): ModelValue {
  const binder = (e[1] as SExpr[])[0];
  if (!Array.isArray(binder) || typeof binder[0] !== 'string') throw new ValueError('malformed lambda');
  const x = binder[0];
  const entries: [ModelValue, ModelValue][] = [];
  let body: SExpr = e[2]!;
  for (;;) {
    while (typeof body === 'string' && env.has(body)) body = env.get(body)!;
    if (Array.isArray(body) && body[0] === 'let') {
      // keep lets that bind values inside the lambda: decode in an extended environment
      const inner = new Map(env);
      for (const b of body[1] as SExpr[]) if (Array.isArray(b) && typeof b[0] === 'string') inner.set(b[0], b[1]!);
      env = inner;
      body = body[2]!;
      continue;
    }
    if (Array.isArray(body) && body[0] === 'ite' && Array.isArray(body[1]) && body[1][0] === '=' && body[1].length === 3) {
      const [, l, r] = body[1];
      const key = l === x ? r : r === x ? l : null;
      if (key === null || key === x) throw new ValueError('lambda condition is not an index test');
      const k = decodeValue(key!, s.index, env);
      const v = decodeValue(body[2]!, s.elem, env);
      // an earlier test wins: later duplicates of the same index are unreachable
      if (!entries.some(([kk]) => kk === k)) entries.push([k, v]);
      body = body[3]!;
      continue;
    }
    if (Array.isArray(body) && body[0] === 'ite') throw new ValueError('lambda is not an index table');
    if (containsSymbol(body, x)) {
      // a set of indices, the form native z3 prints for a Bool array (`(= x k)`, `or`, `not`:
      // review 36 P2, a poison mask at entry): its members true (or false, negated)
      const set = s.elem.kind === 'bool' && entries.length === 0 ? indexSet(body, x, s.index, env) : null;
      if (!set) throw new ValueError('lambda body depends on its argument');
      return { kind: 'array', default: set.neg, entries: set.keys.map((k) => [k, !set.neg] as [ModelValue, ModelValue]) };
    }
    return { kind: 'array', default: decodeValue(body, s.elem, env), entries };
  }
}

/** A Bool lambda body over index `x` as a finite set of indices (`neg`: its complement), or
 *  null for any other form. */
function indexSet(body: SExpr, x: string, index: Sort, env: Map<string, SExpr>): { neg: boolean; keys: ModelValue[] } | null {
  while (typeof body === 'string' && env.has(body)) body = env.get(body)!;
  if (!Array.isArray(body)) return null;
  if (body[0] === '=' && body.length === 3) {
    const [, l, r] = body;
    const key = l === x ? r : r === x ? l : null;
    if (key === null || key === undefined || containsSymbol(key, x)) return null;
    return { neg: false, keys: [decodeValue(key, index, env)] };
  }
  if (body[0] === 'not' && body.length === 2) {
    const inner = indexSet(body[1]!, x, index, env);
    return inner && { neg: !inner.neg, keys: inner.keys };
  }
  if ((body[0] === 'or' || body[0] === 'and') && body.length >= 2) {
    // or of sets, or and of complements (De Morgan); mixed forms are refused
    const parts = body.slice(1).map((b) => indexSet(b, x, index, env));
    if (parts.some((p) => p === null)) return null;
    const neg = body[0] === 'and';
    if (parts.some((p) => p!.neg !== neg)) return null;
    const keys: ModelValue[] = [];
    for (const p of parts) for (const k of p!.keys) if (!keys.some((kk) => kk === k)) keys.push(k);
    return { neg, keys };
  }
  return null;
}

/** Largest index domain a general lambda is tabulated over. */
const MAX_TABULATED = 1 << 16;

// Any other lambda over a small index sort: evaluate the body at every index, and keep the most
// common value as the default.
function tabulateLambda(e: SExpr[], s: Extract<Sort, { kind: 'array' }>, why: string): ModelValue {
  const size = s.index.kind === 'bool' ? 2 : s.index.kind === 'bv' && s.index.width <= 16 ? 1 << s.index.width : 0;
  if (size === 0 || size > MAX_TABULATED) throw new ValueError(`${why} (index sort ${sortKey(s.index)} too large to tabulate)`);
  const f = new TermFactory();
  const binder = (e[1] as SExpr[])[0] as SExpr[];
  const x = f.var(unquote(binder[0] as string), s.index);
  let body: Term;
  try {
    body = readTerm(f, e[2]!, new Map([[unquote(binder[0] as string), x]]));
  } catch (err) {
    throw new ValueError(`${why}; ${(err as Error).message}`);
  }
  const values: [ModelValue, ModelValue][] = [];
  for (let i = 0; i < size; i++) {
    const idx: ModelValue = s.index.kind === 'bool' ? i === 1 : BigInt(i);
    const model = new Map<string, ModelValue>([[(x as { name: string }).name, idx]]);
    try {
      values.push([idx, evaluate(body, model)]);
    } catch (err) {
      throw new ValueError(`${why}; ${(err as Error).message}`);
    }
  }
  const counts = new Map<string, { v: ModelValue; n: number }>();
  for (const [, v] of values) {
    const k = showValue(v);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { v, n: 1 });
  }
  let best: { v: ModelValue; n: number } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  const dflt = showValue(best!.v);
  return { kind: 'array', default: best!.v, entries: values.filter(([, v]) => showValue(v) !== dflt) };
}

function containsSymbol(e: SExpr, x: string): boolean {
  return typeof e === 'string' ? e === x : e.some((c) => containsSymbol(c, x));
}

function substitute(e: SExpr, env: Map<string, SExpr>): SExpr {
  if (typeof e === 'string') return env.get(e) ?? e;
  return e.map((c) => substitute(c, env));
}
