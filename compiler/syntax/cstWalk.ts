// Runs an action dictionary over ohm's concrete syntax tree directly. ohm's own semantics
// wraps every node in objects built for generality (intervals, memoized attributes,
// argument checks); this walker offers the few wrapper features the actions use and is
// several times cheaper. It reads two fields of ohm-js 17's MatchResult (`_cst`,
// `_cstOffset`); when they are absent, parse.ts uses ohm's semantics instead.
import type { MatchResult } from 'ohm-js';

type RawNode = {
  ctorName: string;
  matchLength: number;
  children?: RawNode[];
  childOffsets?: number[];
  isNonterminal(): boolean;
  isIteration(): boolean;
  isTerminal(): boolean;
};

type Action = (this: unknown, ...children: unknown[]) => unknown;
export type Actions = Record<string, Action>;

class WalkNode {
  private kids: WalkNode[] | null = null;
  constructor(
    private readonly raw: RawNode,
    private readonly start: number,
    /** The start of the closest nonterminal: ohm's child offsets are relative to it. */
    private readonly base: number,
    private readonly input: string,
    private readonly actions: Actions,
  ) {}

  get ctorName(): string {
    return this.raw.ctorName;
  }
  get source(): { startIdx: number; endIdx: number } {
    return { startIdx: this.start, endIdx: this.start + this.raw.matchLength };
  }
  get sourceString(): string {
    return this.input.slice(this.start, this.start + this.raw.matchLength);
  }
  get numChildren(): number {
    return this.raw.children?.length ?? 0;
  }
  get children(): WalkNode[] {
    if (this.kids === null) {
      const raw = this.raw.children ?? [];
      const offsets = this.raw.childOffsets ?? [];
      this.kids = raw.map((c, i) => {
        const at = this.base + offsets[i]!;
        return new WalkNode(c, at, c.isNonterminal() ? at : this.base, this.input, this.actions);
      });
    }
    return this.kids;
  }
  /** ohm's built-in `asIteration` of ListOf / NonemptyListOf / EmptyListOf. */
  asIteration(): { children: WalkNode[] } {
    switch (this.raw.ctorName) {
      case 'ListOf':
        return this.children[0]!.asIteration();
      case 'NonemptyListOf': {
        const [first, , rest] = this.children;
        return { children: [first!, ...rest!.children] };
      }
      case 'EmptyListOf':
        return { children: [] };
      default:
        return { children: this.children };
    }
  }
  ast(): unknown {
    const action = this.actions[this.raw.ctorName];
    if (action !== undefined) return action.apply(this, this.children);
    if (this.raw.isIteration()) return this.actions['_iter']!.apply(this, this.children);
    if (this.raw.isTerminal()) return this.actions['_terminal']!.call(this);
    if (this.numChildren === 1) return this.children[0]!.ast();
    throw new Error(`internal error: no semantic action for ${this.raw.ctorName}`);
  }
}

/** Evaluates `actions` on a successful match, or returns undefined if the CST is not reachable. */
export function walk(m: MatchResult, actions: Actions): unknown {
  const r = m as unknown as { _cst?: RawNode; _cstOffset?: number; input?: string };
  if (r._cst === undefined || typeof r._cstOffset !== 'number' || typeof r.input !== 'string') return undefined;
  return new WalkNode(r._cst, r._cstOffset, r._cstOffset, r.input, actions).ast();
}
