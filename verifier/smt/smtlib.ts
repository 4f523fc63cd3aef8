// Prints a query as an SMT-LIB 2 script that any stock solver accepts. The text is a pure
// function of the assertions (never of factory ids or of the solver options), so it can be
// hashed by the proof store and re-run by hand.
//
// Terms are DAGs: a subterm used twice is printed once. Closed subterms (no quantifier-bound
// variable free in them) become top-level `(define-fun tN () S e)`; subterms that mention a
// bound variable are shared with a `let` at the top of the enclosing quantifier body (or of
// the assertion), never across a binder, so names always mean what the DAG means. Very deep
// chains are also cut into definitions so that printing (and the solver's parser) never
// recurses thousands of levels deep.
import { sortKey, type Term } from './term.ts';
import { anyLambdaMade, factoryOfLambda } from './factory.ts';
import { readLambdas } from './arrays.ts';

/** How deep an inline term may nest before it is given a name. */
const MAX_INLINE_HEIGHT = 64;

export type PrintOptions = {
  /** Emit `(check-sat)` (default true). */
  checkSat?: boolean;
  /** Variables whose values to ask for with `(get-value (...))` after `(check-sat)`. */
  getValue?: Term[];
};

export type PrintedQuery = {
  /** The whole script, newline-terminated. */
  text: string;
  logic: string;
  /** The free constants, in order of first occurrence (what the script declares). */
  vars: Term[];
  /** Number of `define-fun`s and `let` bindings introduced for sharing. */
  shared: number;
};

export function printQuery(assertions0: Term[], opts: PrintOptions = {}): PrintedQuery {
  const assertions = withoutLambdaReads(assertions0);
  const p = new Printer(assertions);
  const lines: string[] = ['(set-option :produce-models true)', `(set-logic ${p.logic})`];
  for (const v of p.declared) lines.push(`(declare-fun ${symbol(varName(v))} () ${sortKey(v.sort)})`);
  for (const root of assertions) {
    const body = p.printScope(root, lines);
    lines.push(`(assert ${body})`);
  }
  if (opts.checkSat ?? true) {
    lines.push('(check-sat)');
    const want = dedupe(opts.getValue ?? []);
    for (const v of want) if (v.kind !== 'var') throw new Error('smt: get-value is only for variables');
    if (want.length) lines.push(`(get-value (${want.map((v) => symbol(varName(v))).join(' ')}))`);
  }
  return { text: lines.join('\n') + '\n', logic: p.logic, vars: p.declared, shared: p.sharedCount };
}

const printedCache = new WeakMap<object, { assertions: Term[]; count: number; want: Term[]; printed: PrintedQuery }>();

/**
 * `printQuery(q.assertions, { getValue: q.wantModel })`, remembered per query object so the
 * dump, the hash and the back end all share one printing.
 */
export function printQueryOnce(q: { assertions: Term[]; wantModel: Term[] }): PrintedQuery {
  const hit = printedCache.get(q);
  if (hit && hit.assertions === q.assertions && hit.count === q.assertions.length && hit.want === q.wantModel) return hit.printed;
  const printed = printQuery(q.assertions, { getValue: q.wantModel });
  printedCache.set(q, { assertions: q.assertions, count: q.assertions.length, want: q.wantModel, printed });
  return printed;
}

/** The logic a query needs: QF_BV, QF_ABV (bit-vector arrays) or ALL (quantifiers, ints, other arrays). */
export function selectLogic(assertions: Term[]): string {
  let arrays = false;
  let general = false;
  let fp = false;
  walk(assertions, (t) => {
    if (t.kind === 'quant' || t.kind === 'lambda' || t.sort.kind === 'int') general = true;
    if (t.sort.kind === 'array') {
      if (t.sort.index.kind === 'bv' && t.sort.elem.kind === 'bv') arrays = true;
      else general = true;
    }
    if (t.kind === 'app' && (t.op === 'bv2nat' || t.op === 'int2bv')) general = true;
    if (t.sort.kind === 'fp' || t.sort.kind === 'rm') fp = true;
  });
  return logicOf(general, arrays, fp);
}

/** QF_FPBV when floats meet bit-vectors only; with arrays as well, ALL (no standard logic has both). */
function logicOf(general: boolean, arrays: boolean, fp: boolean): string {
  if (general || (fp && arrays)) return 'ALL';
  if (fp) return 'QF_FPBV';
  return arrays ? 'QF_ABV' : 'QF_BV';
}

/** The assertions with the reads of lambdas rewritten (arrays.ts readLambdas: exact), so
 *  that z3 sees a lambda only where an array is used whole; the same terms when none. */
export function withoutLambdaReads(assertions: Term[]): Term[] {
  if (!anyLambdaMade()) return assertions;
  let owner: ReturnType<typeof factoryOfLambda>;
  someTerm(assertions, (x) => x.kind === 'lambda' && (owner = factoryOfLambda(x)) !== undefined);
  if (!owner) return assertions;
  try {
    return readLambdas(owner, assertions);
  } catch (e) {
    if (e instanceof RangeError) return assertions; // too deep to rewrite: printed as it is
    throw e;
  }
}

/** A term printed inline with no sharing: for messages and debugging only (may be large). */
export function termToString(t: Term): string {
  return new Printer([t], false).inline(t);
}

export function literal(t: Term): string {
  switch (t.kind) {
    case 'bv':
      return bvLiteral(t.value, t.width);
    case 'int':
      return t.value < 0n ? `(- ${-t.value})` : `${t.value}`;
    case 'bool':
      return t.value ? 'true' : 'false';
    default:
      throw new Error(`smt: ${t.kind} is not a literal`);
  }
}

export function bvLiteral(value: bigint, width: number): string {
  if (width % 4 === 0) return `#x${value.toString(16).padStart(width / 4, '0')}`;
  return `#b${value.toString(2).padStart(width, '0')}`;
}

const SIMPLE = /^[a-zA-Z~!@$%^&*_\-+=<>.?/][a-zA-Z0-9~!@$%^&*_\-+=<>.?/]*$/;
// Names a declared constant must not take: SMT-LIB reserved words and the operators we print
// (|x| and x are the same symbol, so quoting would not help).
const RESERVED = new Set([
  '_', '!', 'as', 'let', 'exists', 'forall', 'match', 'par', 'true', 'false', 'not', 'and', 'or',
  'xor', '=>', '=', 'distinct', 'ite', 'select', 'store', 'concat', 'extract', 'bv2nat', 'int2bv',
  'div', 'mod', 'abs', '+', '-', '*', '<', '<=', '>', '>=', 'const', 'BINARY', 'DECIMAL',
  'HEXADECIMAL', 'NUMERAL', 'STRING', 'bvadd', 'bvsub', 'bvmul', 'bvudiv', 'bvurem', 'bvsdiv',
  'bvsrem', 'bvsmod', 'bvneg', 'bvand', 'bvor', 'bvxor', 'bvnot', 'bvshl', 'bvlshr', 'bvashr',
  'bvult', 'bvule', 'bvugt', 'bvuge', 'bvslt', 'bvsle', 'bvsgt', 'bvsge', 'bvcomp', 'bvnand',
  'bvnor', 'bvxnor', 'zero_extend', 'sign_extend', 'repeat', 'rotate_left', 'rotate_right',
  'lambda', 'RNE', 'RNA', 'RTP', 'RTN', 'RTZ', 'roundNearestTiesToEven', 'roundTowardZero', 'to_fp', 'to_fp_unsigned', 'fp',
]);

/** A variable name as an SMT-LIB symbol, quoted with |...| when it is not a simple symbol. */
export function symbol(name: string): string {
  if (RESERVED.has(name)) throw new Error(`smt: '${name}' cannot name a variable (reserved)`);
  if (SIMPLE.test(name)) return name;
  if (name.includes('|') || name.includes('\\')) throw new Error(`smt: '${name}' cannot be an SMT-LIB symbol`);
  return `|${name}|`;
}

function varName(t: Term): string {
  if (t.kind !== 'var') throw new Error('smt: not a variable');
  return t.name;
}

function dedupe(ts: Term[]): Term[] {
  const seen = new Set<number>();
  return ts.filter((t) => (seen.has(t.id) ? false : (seen.add(t.id), true)));
}

/** A term's direct subterms. */
export function children(t: Term): Term[] {
  switch (t.kind) {
    case 'app':
      return t.args;
    case 'quant':
    case 'lambda':
      return [t.body];
    case 'constArray':
      return [t.value];
    default:
      return [];
  }
}

/** Visits every distinct subterm once, children before parents, without recursion. */
export function walk(roots: Term[], visit: (t: Term) => void, into: (t: Term) => boolean = () => true): void {
  const done = new Set<number>();
  const stack: { t: Term; expanded: boolean }[] = [];
  for (let r = roots.length - 1; r >= 0; r--) stack.push({ t: roots[r]!, expanded: false });
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (done.has(top.t.id)) {
      stack.pop();
      continue;
    }
    if (!top.expanded && into(top.t)) {
      top.expanded = true;
      const cs = children(top.t);
      for (let i = cs.length - 1; i >= 0; i--) if (!done.has(cs[i]!.id)) stack.push({ t: cs[i]!, expanded: false });
      continue;
    }
    stack.pop();
    done.add(top.t.id);
    visit(top.t);
  }
}

/** The free variables of `roots` (what a model must give values to), in the order a walk meets
 *  them. Two walks over the shared term graph, each term once: one finds the variables and
 *  which of them some binder binds; the second, only when there are binders, which bound
 *  variables each term leaves open (few: those of the binders around it), since a variable
 *  may occur both bound and free (printQuery declares it). Walking each binder's body on its
 *  own was exponential in the nested range-clear lambdas of a long function (base64_hex's
 *  base64: 307 s of its check). */
export function freeVars(roots: Term[]): Term[] {
  const bound = new Set<number>();
  const vars: Term[] = [];
  walk(roots, (t) => {
    if (t.kind === 'var') vars.push(t);
    else if (t.kind === 'quant' || t.kind === 'lambda') for (const v of t.vars) bound.add(v.id);
  });
  if (bound.size === 0) return vars;
  const none: ReadonlySet<number> = new Set();
  const open = new Map<number, ReadonlySet<number>>();
  walk(roots, (t) => {
    let o = none;
    if (t.kind === 'var') o = bound.has(t.id) ? new Set([t.id]) : none;
    else {
      const cs = children(t).map((c) => open.get(c.id)!).filter((c) => c.size > 0);
      const binds = t.kind === 'quant' || t.kind === 'lambda' ? new Set(t.vars.map((v) => v.id)) : undefined;
      if (cs.length === 1 && binds === undefined) o = cs[0]!;
      else if (cs.length) {
        const u = new Set<number>();
        for (const c of cs) for (const v of c) if (!binds?.has(v)) u.add(v);
        if (u.size) o = u;
      }
    }
    open.set(t.id, o);
  });
  const freeBound = new Set<number>();
  for (const r of roots) for (const v of open.get(r.id)!) freeBound.add(v);
  return vars.filter((v) => !bound.has(v.id) || freeBound.has(v.id));
}

/** Whether some subterm of `roots` (under binders too) satisfies `pred`; stops at the first. */
export function someTerm(roots: Term[], pred: (t: Term) => boolean): boolean {
  const seen = new Set<number>();
  const stack = [...roots];
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x.id)) continue;
    seen.add(x.id);
    if (pred(x)) return true;
    stack.push(...children(x));
  }
  return false;
}

/** Whether some term of `roots` holds a quantifier. */
export function hasQuantifier(roots: Term[]): boolean {
  return someTerm(roots, (x) => x.kind === 'quant');
}

const EMPTY: ReadonlySet<number> = new Set();

/** Every distinct subterm of `roots`, children before parents, in a fixed order. */
function postOrder(roots: Term[]): Term[] {
  const order: Term[] = [];
  walk(roots, (t) => order.push(t));
  return order;
}

class Printer {
  readonly logic: string;
  readonly declared: Term[] = [];
  sharedCount = 0;
  /** Free quantifier-bound variables per term; null when the query has no quantifier (all closed). */
  private open: Map<number, ReadonlySet<number>> | null = null;
  private global = new Map<number, string>();
  private height = new Map<number, number>();
  private emittedUpTo = 0;
  private order: Term[];
  /** Position in `order` of each root: definitions up to it are emitted before its assert. */
  private rootPos: number[];
  private prefix = 't';
  private letPrefix = 'a';
  private counter = 0;
  private next = 0;

  constructor(roots: Term[], share = true) {
    this.order = postOrder(roots);
    const pos = new Map<number, number>();
    this.order.forEach((t, i) => pos.set(t.id, i));
    this.rootPos = roots.map((r) => pos.get(r.id)!);
    const bound = new Set<number>();
    const names: string[] = [];
    let arrays = false;
    let general = false;
    let fp = false;
    for (const t of this.order) {
      if (t.sort.kind === 'fp' || t.sort.kind === 'rm') fp = true;
      if (t.kind === 'quant' || t.kind === 'lambda') {
        // (z3 accepts a lambda only in a logic with quantifiers)
        general = true;
        for (const v of t.vars) bound.add(v.id);
      } else if (t.kind === 'var') names.push(t.name);
      else if (t.kind === 'app' && (t.op === 'bv2nat' || t.op === 'int2bv')) general = true;
      if (t.sort.kind === 'int') general = true;
      else if (t.sort.kind === 'array') {
        if (t.sort.index.kind === 'bv' && t.sort.elem.kind === 'bv') arrays = true;
        else general = true;
      }
    }
    this.logic = logicOf(general, arrays, fp);
    // generated names are PREFIX + digits; lengthen the prefix until no variable looks like one
    const clashes = (prefix: string) => names.some((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)));
    while (clashes(this.prefix)) this.prefix += '_';
    while (clashes(this.letPrefix)) this.letPrefix += '_';
    for (const t of this.order) if (t.kind === 'var' && !bound.has(t.id)) this.declared.push(t);
    if (bound.size) this.computeOpen(roots, bound);
    if (!share) return;
    // occurrence counts (a child used twice by one parent counts twice), then which closed
    // terms get a global name: shared ones, and those that would nest too deeply
    const refs = new Map<number, number>();
    for (const r of roots) refs.set(r.id, (refs.get(r.id) ?? 0) + 1);
    for (const t of this.order) for (const c of children(t)) refs.set(c.id, (refs.get(c.id) ?? 0) + 1);
    for (const t of this.order) {
      let h = 0;
      for (const c of children(t)) if (!this.global.has(c.id)) h = Math.max(h, (this.height.get(c.id) ?? 0) + 1);
      if (this.isClosed(t) && nameable(t) && ((refs.get(t.id) ?? 0) >= 2 || h > MAX_INLINE_HEIGHT)) {
        this.global.set(t.id, '');
        h = 0;
      }
      this.height.set(t.id, h);
    }
  }

  private computeOpen(roots: Term[], bound: Set<number>): void {
    const open = new Map<number, ReadonlySet<number>>();
    for (const t of this.order) {
      let s: ReadonlySet<number> = EMPTY;
      if (t.kind === 'var') {
        if (bound.has(t.id)) s = new Set([t.id]);
      } else if (t.kind === 'quant' || t.kind === 'lambda') {
        const inner = open.get(t.body.id)!;
        if (inner.size) {
          const rest = new Set(inner);
          for (const v of t.vars) rest.delete(v.id);
          if (rest.size) s = rest;
        }
      } else {
        for (const c of children(t)) {
          const cs = open.get(c.id)!;
          if (cs.size) s = s.size ? new Set([...s, ...cs]) : cs;
        }
      }
      open.set(t.id, s);
    }
    this.open = open;
    // a bound variable that also occurs free (outside its binder) is declared as well
    const declared = new Set(this.declared.map((v) => v.id));
    for (const r of roots) {
      for (const id of open.get(r.id)!) {
        if (declared.has(id)) continue;
        declared.add(id);
        this.declared.push(this.order.find((t) => t.id === id)!);
      }
    }
  }

  private isClosed(t: Term): boolean {
    return this.open === null || this.open.get(t.id)!.size === 0;
  }

  /**
   * Prints `root` for a scope (an assertion or a quantifier body): first appends the global
   * definitions it needs to `defs` (when given), then let-binds the open subterms it shares.
   */
  printScope(root: Term, defs?: string[]): string {
    if (defs) this.emitDefinitions(root, defs);
    const local = new Map<number, string>();
    // local plan: open subterms only; closed ones and nested quantifiers are leaves here
    const into = (t: Term) => t.kind !== 'quant' && t.kind !== 'lambda' && (t.id === root.id || !this.isClosed(t));
    const refs = new Map<number, number>();
    const height = new Map<number, number>();
    const order: Term[] = [];
    walk([root], (t) => {
      if (!into(t)) return;
      for (const c of children(t)) refs.set(c.id, (refs.get(c.id) ?? 0) + 1);
      order.push(t);
    }, into);
    for (const t of order) {
      let h = 0;
      for (const c of children(t)) {
        if (local.has(c.id) || this.global.has(c.id)) continue;
        h = Math.max(h, (height.get(c.id) ?? this.height.get(c.id) ?? 0) + 1);
      }
      height.set(t.id, h);
      if (t.id !== root.id && nameable(t) && ((refs.get(t.id) ?? 0) >= 2 || h > MAX_INLINE_HEIGHT)) {
        local.set(t.id, '');
        height.set(t.id, 0);
      }
    }
    const bindings: string[] = [];
    for (const t of order) {
      if (!local.has(t.id)) continue;
      const e = this.inline(t, local);
      const name = `${this.letPrefix}${++this.counter}`;
      local.set(t.id, name);
      this.sharedCount++;
      bindings.push(name + ' ' + e);
    }
    let body = this.inline(root, local);
    for (let i = bindings.length - 1; i >= 0; i--) body = `(let ((${bindings[i]})) ${body})`;
    return body;
  }

  /** Appends the define-funs of the globally named terms that come before the next root. */
  private emitDefinitions(root: Term, defs: string[]): void {
    const end = this.rootPos[this.next++];
    if (end === undefined || this.order[end]!.id !== root.id) throw new Error('smt: assertions printed out of order');
    for (; this.emittedUpTo <= end; this.emittedUpTo++) {
      const t = this.order[this.emittedUpTo]!;
      if (!this.global.has(t.id) || this.global.get(t.id)) continue;
      const e = this.inline(t, undefined, true);
      const name = `${this.prefix}${++this.counter}`;
      this.global.set(t.id, name);
      this.sharedCount++;
      defs.push(`(define-fun ${name} () ${sortKey(t.sort)} ${e})`);
    }
  }

  /** Prints `t` using the names already given; `self` prints a named term's definition. */
  inline(t: Term, local?: Map<number, string>, self = false): string {
    if (!self) {
      const g = this.global.get(t.id);
      if (g) return g;
      const l = local?.get(t.id);
      if (l) return l;
    }
    switch (t.kind) {
      case 'var':
        return symbol(t.name);
      case 'bv':
      case 'int':
      case 'bool':
        return literal(t);
      case 'app': {
        const args = t.args.map((a) => this.inline(a, local)).join(' ');
        const head = t.indices.length ? `(_ ${t.op} ${t.indices.join(' ')})` : t.op;
        return t.args.length ? `(${head} ${args})` : head; // a nullary operator (RNE) is a bare symbol
      }
      case 'constArray':
        return `((as const ${sortKey(t.sort)}) ${this.inline(t.value, local)})`;
      case 'quant': {
        const binders = t.vars.map((v) => `(${symbol(varName(v))} ${sortKey(v.sort)})`).join(' ');
        // an inner scope: the outer let names stay visible only through `inline` of closed
        // terms (global names); open outer lets are never referenced inside a binder
        return `(${t.q} (${binders}) ${this.printScope(t.body)})`;
      }
      case 'lambda': {
        const binders = t.vars.map((v) => `(${symbol(varName(v))} ${sortKey(v.sort)})`).join(' ');
        return `(lambda (${binders}) ${this.printScope(t.body)})`;
      }
    }
  }
}

function nameable(t: Term): boolean {
  return t.kind === 'app' || t.kind === 'constArray' || t.kind === 'quant' || t.kind === 'lambda';
}

/** Whether some term of `roots` holds a lambda (an array built by a binder). */
export function hasLambda(roots: Term[]): boolean {
  return someTerm(roots, (x) => x.kind === 'lambda');
}
