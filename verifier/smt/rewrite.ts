// Bottom-up rewriting of terms, rebuilt through the factory (folding applies, sharing is
// kept), with one memo for all roots. The rewriters of the validators (substitutions, reads
// of related blocks as the target's bytes, power-of-two arithmetic as bit operations) differ
// only in what they do at a variable and at an application; the traversal is this one.
import type { TermFactory } from './factory.ts';
import type { Term } from './term.ts';

export type App = Extract<Term, { kind: 'app' }>;

export type Rewriter = {
  /** A variable's replacement, or undefined to keep it. `go` rewrites a replacement further. */
  onVar?: (x: Extract<Term, { kind: 'var' }>, go: (t: Term) => Term) => Term | undefined;
  /** An application over its rewritten arguments, or undefined for the default: the same
   *  operator over them, rebuilt only when an argument changed. */
  onApp?: (x: App, args: Term[]) => Term | undefined;
  /** A quantified formula's replacement, or undefined to rewrite its body. */
  onQuant?: (x: Extract<Term, { kind: 'quant' }>) => Term | undefined;
};

/** The same operator over new arguments, or `x` itself when none changed. */
export function rebuild(F: TermFactory, x: App, args: Term[]): Term {
  return args.every((a, i) => a === x.args[i]) ? x : F.app(x.op as Parameters<TermFactory['app']>[0], args, x.indices);
}

/** `memo` may be shared by several calls, so that one rewriting spans many of them. */
export function rewriteTerms(F: TermFactory, roots: Term[], rw: Rewriter, memo = new Map<number, Term>()): Term[] {
  const go = (x: Term): Term => {
    const hit = memo.get(x.id);
    if (hit) return hit;
    let r: Term = x;
    switch (x.kind) {
      case 'var':
        r = rw.onVar?.(x, go) ?? x;
        break;
      case 'app': {
        const args = x.args.map(go);
        r = rw.onApp?.(x, args) ?? rebuild(F, x, args);
        break;
      }
      case 'quant': {
        const q = rw.onQuant?.(x);
        if (q) {
          r = q;
          break;
        }
        const body = go(x.body);
        if (body !== x.body) r = F.quant(x.q, x.vars, body);
        break;
      }
      case 'lambda': {
        // its variable is its own (fresh): never a rewriter's to replace
        memo.set(x.vars[0]!.id, x.vars[0]!);
        const body = go(x.body);
        if (body !== x.body) r = F.relambda(x, body);
        break;
      }
      case 'constArray': {
        const v = go(x.value);
        if (v !== x.value) r = F.constArray((x.sort as { index: Term['sort'] }).index, v);
        break;
      }
      case 'bv':
      case 'int':
      case 'bool':
        break;
    }
    memo.set(x.id, r);
    return r;
  };
  return roots.map(go);
}
