// The generator's state while it writes one function: the names in scope, the callable
// functions, the output lines, and a cost estimate that keeps every generated program
// quick to interpret (loops multiply the cost of what they contain).
import type { Rng } from './prng.ts';
import type { GType, RecordDecl, UnionDecl } from './gen-types.ts';

export type Var = {
  name: string;
  ty: GType;
  mutable: boolean;
  /** False for loop counters: the generator never assigns them, so loops stay bounded. */
  assignable: boolean;
  /** Reads generated so far; a value never read is observed at the end of its block. */
  uses: number;
  /** A buffer this block allocated (its elements are observed at the end of the block). */
  owner?: boolean;
};

export type FnSig = {
  name: string;
  params: { name: string; ty: GType }[];
  ret: GType;
  /** Estimated evaluation cost of one call (statements run, callees included). */
  cost: number;
  /** A recursive helper: its first parameter is the depth, passed as `(e &&& 7)`. */
  recursive: boolean;
  /** Call sites generated so far. */
  calls: number;
};

export type Gen = {
  kind: 'Gen';
  rng: Rng;
  /** Prefix of every top-level name of the unit (`p3`), so units can share a file. */
  prefix: string;
  records: RecordDecl[];
  unions: UnionDecl[];
  /** The unit's static arrays (spans), visible in every function. */
  globals: Var[];
  fns: FnSig[];
  vars: Var[];
  lines: string[];
  indent: number;
  loopDepth: number;
  fnDepth: number;
  /** Nesting of blocks within the current function. */
  blockDepth: number;
  /** Product of the trip counts of the enclosing loops. */
  mult: number;
  /** Estimated cost of the function being written so far. */
  cost: number;
  /** The current function's `int` accumulator. */
  acc: string;
  fresh: number;
  /** Stack buffers allocated in the current function. */
  buffers: number;
};

/** Most a single call site may cost (cost x enclosing trip counts). */
export const CALL_LIMIT = 600;
/** A function stops growing (no more calls or loops) beyond this cost. */
export const FN_LIMIT = 3000;

export function newGen(rng: Rng, prefix: string): Gen {
  return {
    kind: 'Gen',
    rng,
    prefix,
    records: [],
    unions: [],
    globals: [],
    fns: [],
    vars: [],
    lines: [],
    indent: 0,
    loopDepth: 0,
    fnDepth: 0,
    blockDepth: 0,
    mult: 1,
    cost: 0,
    acc: 'acc',
    fresh: 0,
    buffers: 0,
  };
}

export function fresh(g: Gen, base: string): string {
  return `${base}${g.fresh++}`;
}

export function emit(g: Gen, line: string): void {
  g.lines.push('    '.repeat(g.indent) + line);
  g.cost += g.mult;
}

/** A read of `v` (counted, so values that are never read can be observed). */
export function use(v: Var): string {
  v.uses++;
  return v.name;
}

export function addVar(g: Gen, name: string, ty: GType, mutable = false, assignable = mutable): Var {
  const v: Var = { name, ty, mutable, assignable, uses: 0 };
  g.vars.push(v);
  return v;
}

/** Runs `f` one level deeper; names it declares go out of scope afterwards. */
export function nested<T>(g: Gen, f: () => T): T {
  const nv = g.vars.length;
  const nf = g.fns.length;
  g.indent++;
  g.blockDepth++;
  try {
    return f();
  } finally {
    g.indent--;
    g.blockDepth--;
    g.vars.length = nv;
    g.fns.length = nf;
  }
}

/** Whether a call of `fn` fits the cost budget here. */
export function affordable(g: Gen, fn: FnSig): boolean {
  return g.mult * fn.cost <= CALL_LIMIT && g.cost + g.mult * fn.cost <= FN_LIMIT;
}
