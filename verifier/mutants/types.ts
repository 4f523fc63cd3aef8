// The shape of the mutant catalogue: an operator finds its sites in a module and builds one
// deliberately wrong (or, for a few, deliberately harmless) variant per site.
import type { Block, Module, Operation, Value } from '../../compiler/mlir/ir.ts';

/**
 * Where an op sits: indices from the module down, `[top, region, block, op, region, block,
 * op, ...]`. The first three steps always go through `builtin.module` into a function, so a
 * mutation never reaches outside the function it names.
 */
export type Site = {
  path: number[];
  /** The symbol of the enclosing function (`clef.main`). */
  fn: string;
  /** The op's name, for messages and for the stable key. */
  opName: string;
  /** Position of the op in its function, in walk order: with `fn` a name for the site that
   *  does not depend on the operator. */
  ordinal: number;
};

/** What an operator may look at besides the op itself: its function, already analysed. */
export type SiteContext = {
  module: Module;
  fn: Operation;
  fnName: string;
  block: Block;
  index: number;
  facts: FunctionFacts;
};

/** Facts about one function, computed once (see facts.ts). */
export type FunctionFacts = {
  /** value key (`name` or `name#k`) -> the op defining it; block arguments are absent. */
  defs: Map<string, Operation>;
  /** value key -> number of uses (as operand or successor argument), anywhere in the function. */
  uses: Map<string, number>;
  /** value key -> the ops using it (once per use). */
  users: Map<string, Operation[]>;
  /** Ops whose results can never influence an observable effect (pure and transitively unused). */
  dead: Set<Operation>;
  /** Blocks on a CFG cycle, and every block nested in an scf loop. */
  inLoop: Set<Block>;
  /** Targets of a back edge (depth-first from the entry). */
  loopHeaders: Set<Block>;
  /** Stores whose address is a function-local stack block that is never read and never escapes. */
  deadStores: Set<Operation>;
  /** The block holding each op of the function. */
  blockOf: Map<Operation, Block>;
  /** The integer interval of a value where it is used (ranges.ts); null: no claim. */
  range: (v: Value, at: Block) => { lo: bigint; hi: bigint } | null;
};

/** What the validator should say about a mutant if it is exact. */
export type Expectation = 'killed' | 'equivalent';

export type MutationOperator = {
  /** Stable, kebab-case: `arith-swap-subi`. */
  name: string;
  /** The family it belongs to, for grouping in the report: `swap-operands`, `predicate`... */
  family: string;
  /** The dialect of the ops it rewrites. */
  dialect: 'arith' | 'llvm' | 'memref' | 'cf' | 'func';
  description: string;
  expect: Expectation;
  /** Why a mutant of an `equivalent` operator refines its source (required for those). */
  equivalentReason?: string;
  /** Runs on a variant of each pass pair instead of the pair itself (variants.ts): the pass
   *  re-run on an input changed so that this operator has sites. */
  variant?: 'overflow-flags';
  applies: (op: Operation, ctx: SiteContext) => boolean;
  /** A new module (the argument is not changed) with the mutation at `site`. */
  mutate: (m: Module, site: Site) => Module;
};

/** One generated mutant: the operator, where it struck, and the mutated module. */
export type Mutant = {
  operator: MutationOperator;
  site: Site;
  module: Module;
  /** `fn@ordinal:opName` — stable across runs for the same input module. */
  key: string;
};
