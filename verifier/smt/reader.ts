// Reads an SMT-LIB term printed by a solver (an S-expression) back into a Term, so that a
// value the solver prints as an expression (z3's `lambda` array models) can be evaluated with
// model.ts. Only for solver output: it builds into the factory it is given, which should be a
// scratch one, never the factory of the query's own terms.
import { TermFactory } from './factory.ts';
import { arraySort, BOOL, bvSort, INT, type Sort, type Term } from './term.ts';
import { showSExpr, unquote, type SExpr } from './sexpr.ts';

type Op = Parameters<TermFactory['app']>[0];

export class ReadError extends Error {}

export function readSort(e: SExpr): Sort {
  if (e === 'Bool') return BOOL;
  if (e === 'Int') return INT;
  if (Array.isArray(e) && e[0] === '_' && e[1] === 'BitVec' && typeof e[2] === 'string') return bvSort(Number(e[2]));
  if (Array.isArray(e) && e[0] === 'Array' && e.length === 3) return arraySort(readSort(e[1]!), readSort(e[2]!));
  throw new ReadError(`unknown sort ${showSExpr(e)}`);
}

/** Reads `e`; free symbols are looked up in `scope` (bound variables, let names). */
export function readTerm(f: TermFactory, e: SExpr, scope: Map<string, Term> = new Map()): Term {
  if (typeof e === 'string') {
    const bound = scope.get(unquote(e));
    if (bound) return bound;
    if (e === 'true') return f.true;
    if (e === 'false') return f.false;
    if (e.startsWith('#x')) return f.bv(BigInt('0x' + e.slice(2)), (e.length - 2) * 4);
    if (e.startsWith('#b')) return f.bv(BigInt('0b' + e.slice(2)), e.length - 2);
    if (/^\d+$/.test(e)) return f.int(BigInt(e));
    throw new ReadError(`unknown symbol ${e}`);
  }
  const [head, ...rest] = e;
  if (head === 'let' && Array.isArray(rest[0])) {
    const inner = new Map(scope);
    // parallel let: every binding is read in the outer scope
    for (const b of rest[0]) {
      if (!Array.isArray(b) || typeof b[0] !== 'string') throw new ReadError('malformed let');
      inner.set(unquote(b[0]), readTerm(f, b[1]!, scope));
    }
    return readTerm(f, rest[1]!, inner);
  }
  if (head === '_' && typeof rest[0] === 'string' && /^bv\d+$/.test(rest[0])) return f.bv(BigInt(rest[0].slice(2)), Number(rest[1]));
  if (head === '-' && rest.length === 1) {
    const a = readTerm(f, rest[0]!, scope);
    if (a.kind === 'int') return f.int(-a.value);
    return f.app('-', [f.int(0), a]);
  }
  // ((as const (Array I E)) v)
  if (Array.isArray(head) && head[0] === 'as' && head[1] === 'const') {
    const s = readSort(head[2]!);
    if (s.kind !== 'array') throw new ReadError('as const of a non-array sort');
    return f.constArray(s.index, readTerm(f, rest[0]!, scope));
  }
  const args = rest.map((a) => readTerm(f, a, scope));
  if (Array.isArray(head) && head[0] === '_' && typeof head[1] === 'string') {
    return f.app(head[1] as Op, args, head.slice(2).map((x) => Number(x)));
  }
  if (typeof head === 'string') {
    if (head === 'and') return f.and(...args);
    if (head === 'or') return f.or(...args);
    return f.app(head as Op, args);
  }
  throw new ReadError(`cannot read ${showSExpr(e).slice(0, 200)}`);
}
