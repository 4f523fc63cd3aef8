// A second implementation of ohm-js 17's matching, for successful parses only: the grammar's
// parsing expressions (clef.ohm as ohm built it) are compiled once into closures that build
// the same concrete syntax tree as `grammar.match` — same nodes, rule names, match lengths
// and child offsets, so cstWalk.ts and the actions give the same AST. PEG matching is
// deterministic, so it can only differ from ohm's by a bug here; tests compare the two trees.
//
// What ohm does and this does not: record failures (expected-token sets, the rightmost
// failure) for error messages, memo records with examined lengths (incremental parsing),
// traces, left recursion (clef.ohm has none). ohm interprets each expression through
// generic state with a stack of contexts; here the context is known when compiling: whether
// spaces are skipped before an expression depends only on the rule being applied (syntactic
// rules skip, lexical rules and `#(...)` do not). A failed match returns null and parse.ts
// runs ohm's match to report the error, so diagnostics come from ohm alone.
import * as ohm from 'ohm-js';

type Fn = () => boolean;
type PExpr = { constructor: unknown; getArity(): number; toString(): string; allowsSkippingPrecedingSpace(): boolean };
type ApplyExpr = PExpr & { ruleName: string; args: PExpr[]; toMemoKey(): string; isSyntactic(): boolean };
type RuleInfo = { body: PExpr & { substituteParams(args: PExpr[]): PExpr }; formals: string[] };
type OhmGrammar = { rules: Record<string, RuleInfo>; parseApplication(app: string): ApplyExpr };

const P = ohm.pexprs as unknown as Record<string, new (...a: never[]) => unknown> & { any: unknown; end: unknown };

// The three node kinds of ohm's CST, with the members cstWalk.ts reads.
class TerminalNode {
  constructor(readonly matchLength: number) {}
  get ctorName(): string {
    return '_terminal';
  }
  isTerminal(): boolean {
    return true;
  }
  isNonterminal(): boolean {
    return false;
  }
  isIteration(): boolean {
    return false;
  }
}
class NonterminalNode {
  constructor(
    readonly ctorName: string,
    readonly children: Node[],
    readonly childOffsets: number[],
    readonly matchLength: number,
  ) {}
  isTerminal(): boolean {
    return false;
  }
  isNonterminal(): boolean {
    return true;
  }
  isIteration(): boolean {
    return false;
  }
}
class IterationNode {
  constructor(
    readonly children: Node[],
    readonly childOffsets: number[],
    readonly matchLength: number,
    readonly optional: boolean,
  ) {}
  get ctorName(): string {
    return '_iter';
  }
  isTerminal(): boolean {
    return false;
  }
  isNonterminal(): boolean {
    return false;
  }
  isIteration(): boolean {
    return true;
  }
  isOptional(): boolean {
    return this.optional;
  }
}
type Node = TerminalNode | NonterminalNode | IterationNode;

/** The rule names applied in `expr` (arguments of parameterised applications included). */
function applied(expr: unknown, out: string[] = []): string[] {
  if (expr === undefined || expr === null || typeof expr !== 'object') return out;
  const e = expr as Record<string, unknown>;
  if (expr instanceof P.Apply) out.push(e['ruleName'] as string);
  for (const k of ['expr', 'terms', 'factors', 'args']) {
    const v = e[k];
    if (Array.isArray(v)) for (const x of v) applied(x, out);
    else applied(v, out);
  }
  return out;
}

/** What parse.ts needs of a successful match: the fields cstWalk.ts reads of ohm's MatchResult. */
export type FastMatch = { _cst: Node; _cstOffset: number; input: string; failed(): false };

// The state of the match in progress (matching never calls out, so one set suffices):
// input, position, the start of the current rule application (child offsets are relative to
// it), and the stack of bindings (nodes) and their offsets, as in ohm's MatchState.
let input = '';
let pos = 0;
let base = 0;
const bindings: Node[] = [];
const offsets: number[] = [];
let generation = 0;

function truncate(n: number): void {
  // (setting an array's length costs even when it does not change it)
  if (bindings.length === n) return;
  bindings.length = n;
  offsets.length = n;
}

// Terminal nodes hold only a length, so one node per length serves every match.
const terminals: TerminalNode[] = [];
function terminal(length: number): TerminalNode {
  return (terminals[length] ??= new TerminalNode(length));
}

export class FastMatcher {
  private readonly apps = new Map<string, { fn: Fn }>();
  private readonly skipSpaces: () => void;

  constructor(private readonly grammar: OhmGrammar) {
    this.skipSpaces = this.compileSpaces();
  }

  /** The CST of `text` matched from `startRule` (then end of input), or null if it does not match. */
  match(text: string, startRule: string): FastMatch | null {
    const start = this.grammar.parseApplication(startRule);
    const syntactic = start.isSyntactic();
    const first = this.eval(start, syntactic);
    const end = this.eval(P.end as PExpr, syntactic);
    input = text;
    pos = 0;
    base = 0;
    truncate(0);
    generation++;
    try {
      if (!first() || !end()) return null;
      return { _cst: bindings[0]!, _cstOffset: offsets[0]!, input: text, failed: () => false };
    } finally {
      truncate(0);
      input = '';
    }
  }

  // `spaces` is `space*`; clef.ohm's `space` is a choice of single characters, tested as char
  // codes. Any other definition is matched through its rules.
  private compileSpaces(): () => void {
    const { spaces, space } = this.grammar.rules;
    const alt = space?.body as unknown as { terms?: { obj?: unknown }[] };
    const chars = alt.terms?.map((t) => t.obj);
    if (String(spaces?.body) === 'space*' && alt instanceof P.Alt && chars?.every((c) => typeof c === 'string' && c.length === 1)) {
      const codes = (chars as string[]).map((c) => c.charCodeAt(0));
      return () => {
        while (pos < input.length && codes.includes(input.charCodeAt(pos))) pos++;
      };
    }
    const apply = this.apply(this.grammar.parseApplication('spaces'));
    return () => {
      const n = bindings.length;
      apply();
      truncate(n);
    };
  }

  /**
   * Whether applications of `rule` are memoized. ohm memoizes all; that keeps matching linear
   * where alternatives re-read the same text (`"(" Pattern ":" Type ")" | "(" Pattern ")"`),
   * which only syntactic and recursive rules can make costly. A lexical rule that cannot reach
   * itself reads a bounded part of the text at most a bounded number of times per position,
   * so it is recomputed: cheaper than a memo entry. Syntactic rules are memoized, but for the
   * cases of one (below). Which rules are memoized changes the work, never the tree.
   */
  private memoized(rule: string): boolean {
    const info = this.grammar.rules[rule];
    if (info === undefined || info.formals.length > 0) return true;
    if (rule[0] !== rule[0]!.toUpperCase()) return this.recursive(rule);
    return !this.caseOfMemoized(rule);
  }

  /**
   * Whether `rule` is a case `Parent_case` that only its (memoized) parent's body applies, once:
   * it then runs at most once per position as the parent does, and a memo entry is never read.
   */
  private caseOfMemoized(rule: string): boolean {
    const cut = rule.lastIndexOf('_');
    const parent = cut > 0 ? rule.slice(0, cut) : '';
    if (this.grammar.rules[parent] === undefined || !this.memoized(parent)) return false;
    let uses = 0;
    let inParent = 0;
    for (const r in this.grammar.rules) {
      const n = applied(this.grammar.rules[r]!.body).filter((c) => c === rule).length;
      uses += n;
      if (r === parent) inParent += n;
    }
    return uses === 1 && inParent === 1;
  }

  /** Whether `rule` can apply itself (directly or through other rules). */
  private recursive(rule: string): boolean {
    const seen = new Set<string>();
    const stack = [rule];
    while (stack.length > 0) {
      const r = stack.pop()!;
      for (const callee of applied(this.grammar.rules[r]?.body)) {
        if (callee === rule) return true;
        if (!seen.has(callee)) {
          seen.add(callee);
          stack.push(callee);
        }
      }
    }
    return false;
  }

  /** ohm's MatchState.eval: skip spaces if the context allows, and undo everything on failure. */
  private eval(expr: PExpr, syntactic: boolean): Fn {
    const inner = this.compile(expr, syntactic);
    if (syntactic && expr.allowsSkippingPrecedingSpace()) {
      const skip = this.skipSpaces;
      return () => {
        const p = pos;
        const n = bindings.length;
        skip();
        if (inner()) return true;
        pos = p;
        truncate(n);
        return false;
      };
    }
    return () => {
      const p = pos;
      const n = bindings.length;
      if (inner()) return true;
      pos = p;
      truncate(n);
      return false;
    };
  }

  private compile(expr: PExpr, syntactic: boolean): Fn {
    const e = expr as PExpr & Record<string, any>;
    if (expr === P.any) {
      return () => {
        if (pos >= input.length) return false;
        const len = input.codePointAt(pos)! > 0xffff ? 2 : 1;
        bindings.push(terminal(len));
        offsets.push(pos - base);
        pos += len;
        return true;
      };
    }
    if (expr === P.end) {
      return () => {
        if (pos < input.length) return false;
        bindings.push(terminal(0));
        offsets.push(pos - base);
        return true;
      };
    }
    if (expr instanceof P.CaseInsensitiveTerminal) throw new Error('fastMatch: case-insensitive terminals are not implemented');
    if (expr instanceof P.Terminal) {
      const s = e['obj'] as string;
      const len = s.length;
      return () => {
        if (!input.startsWith(s, pos)) return false;
        bindings.push(terminal(len));
        offsets.push(pos - base);
        pos += len;
        return true;
      };
    }
    if (expr instanceof P.Range) {
      const from = (e['from'] as string).codePointAt(0)!;
      const to = (e['to'] as string).codePointAt(0)!;
      const byCodePoint = e['matchCodePoint'] === true;
      return () => {
        if (pos >= input.length) return false;
        const cp = byCodePoint ? input.codePointAt(pos)! : input.charCodeAt(pos);
        if (cp < from || cp > to) return false;
        const len = cp > 0xffff ? 2 : 1;
        bindings.push(terminal(len));
        offsets.push(pos - base);
        pos += len;
        return true;
      };
    }
    if (expr instanceof P.UnicodeChar) {
      const pattern = e['pattern'] as RegExp;
      return () => {
        if (pos >= input.length) return false;
        const ch = String.fromCodePoint(input.codePointAt(pos)!);
        if (!pattern.test(ch)) return false;
        bindings.push(terminal(ch.length));
        offsets.push(pos - base);
        pos += ch.length;
        return true;
      };
    }
    if (expr instanceof P.Lex) return this.eval(e['expr'], false);
    if (expr instanceof P.Alt) {
      const terms = (e['terms'] as PExpr[]).map((t) => this.eval(t, syntactic));
      return () => {
        for (const t of terms) if (t()) return true;
        return false;
      };
    }
    if (expr instanceof P.Seq) {
      const factors = (e['factors'] as PExpr[]).map((f) => this.eval(f, syntactic));
      return () => {
        for (const f of factors) if (!f()) return false;
        return true;
      };
    }
    if (expr instanceof P.Iter) return this.iteration(e, syntactic);
    if (expr instanceof P.Not) {
      const inner = this.eval(e['expr'], syntactic);
      return () => {
        const p = pos;
        if (inner()) return false;
        pos = p;
        return true;
      };
    }
    if (expr instanceof P.Lookahead) {
      // the lookahead's bindings stay (ohm gives `&x` the arity of `x`)
      const inner = this.eval(e['expr'], syntactic);
      return () => {
        const p = pos;
        if (!inner()) return false;
        pos = p;
        return true;
      };
    }
    if (expr instanceof P.Apply) return this.apply(expr as ApplyExpr);
    throw new Error(`fastMatch: no compilation for ${String(expr)}`);
  }

  /** ohm's Iter.eval: one IterationNode per column of the repeated expression's bindings. */
  private iteration(e: PExpr & Record<string, any>, syntactic: boolean): Fn {
    const inner = this.eval(e['expr'], syntactic);
    const arity = e.getArity();
    const min = e['minNumMatches'] as number;
    const max = e['maxNumMatches'] as number;
    const optional = e instanceof P.Opt;
    return () => {
      const origPos = pos;
      const cols: Node[][] = [];
      const colOffsets: number[][] = [];
      for (let i = 0; i < arity; i++) {
        cols.push([]);
        colOffsets.push([]);
      }
      let count = 0;
      let prev = origPos;
      while (count < max && inner()) {
        if (pos === prev) throw new Error(`fastMatch: nullable iteration ${String(e)}`);
        prev = pos;
        count++;
        const first = bindings.length - arity;
        for (let i = 0; i < arity; i++) {
          cols[i]!.push(bindings[first + i]!);
          colOffsets[i]!.push(offsets[first + i]!);
        }
        truncate(first);
      }
      if (count < min) return false;
      let offset = origPos - base;
      let matchLength = 0;
      if (count > 0) {
        const lastCol = cols[arity - 1]!;
        const lastOffsets = colOffsets[arity - 1]!;
        const endOffset = lastOffsets[lastOffsets.length - 1]! + lastCol[lastCol.length - 1]!.matchLength;
        offset = colOffsets[0]![0]!;
        matchLength = endOffset - offset;
      }
      for (let i = 0; i < arity; i++) {
        bindings.push(new IterationNode(cols[i]!, colOffsets[i]!, matchLength, optional));
        offsets.push(offset);
      }
      return true;
    };
  }

  /** A rule application, memoized per position like ohm's (and compiled once per instance). */
  private apply(app: ApplyExpr): Fn {
    const key = app.toMemoKey();
    const known = this.apps.get(key);
    if (known !== undefined) return () => known.fn();
    const slot: { fn: Fn } = { fn: () => false };
    this.apps.set(key, slot);
    const rule = this.grammar.rules[app.ruleName];
    if (rule === undefined) throw new Error(`fastMatch: no rule ${app.ruleName}`);
    const body = rule.formals.length > 0 ? rule.body.substituteParams(app.args) : rule.body;
    const run = this.eval(body, app.isSyntactic());
    const name = app.ruleName;
    if (!this.memoized(name)) {
      slot.fn = () => {
        const p = pos;
        const savedBase = base;
        const n = bindings.length;
        base = p;
        const ok = run();
        base = savedBase;
        if (!ok) return false;
        bindings.push(new NonterminalNode(name, bindings.splice(n), offsets.splice(n), pos - p));
        offsets.push(p - base);
        return true;
      };
      return () => slot.fn();
    }
    let memo = new Map<number, Node | false>();
    let memoGeneration = -1;
    slot.fn = () => {
      if (memoGeneration !== generation) {
        memoGeneration = generation;
        memo = new Map();
      }
      const p = pos;
      const m = memo.get(p);
      if (m !== undefined) {
        if (m === false) return false;
        pos = p + m.matchLength;
        bindings.push(m);
        offsets.push(p - base);
        return true;
      }
      const savedBase = base;
      const n = bindings.length;
      base = p;
      let node: Node | false = false;
      if (run()) node = new NonterminalNode(name, bindings.splice(n), offsets.splice(n), pos - p);
      base = savedBase;
      memo.set(p, node);
      if (node === false) return false;
      bindings.push(node);
      offsets.push(p - base);
      return true;
    };
    return () => slot.fn();
  }
}
