// Control-flow and call mutations: swapped branch targets, wrong block arguments, dropped,
// duplicated and mis-argumented calls, at the cf/func level and at the LLVM level.
import type { Attr, Module, Operation } from '../../compiler/mlir/ir.ts';
import { getAttr } from '../../compiler/mlir/ir.ts';
import { freshNamer, insertBefore, op, replaceUses, sameType, zeroAttr } from './build.ts';
import { certainlyEqual, defsOf } from './facts.ts';
import { editAt, functionsOf, isFunction, symbolName } from './locate.ts';
import type { MutationOperator } from './types.ts';

type D = 'cf' | 'llvm';

function swapCondBr(d: D): MutationOperator {
  const name = `${d}.cond_br`;
  return {
    name: `${d}-swap-cond-br`, family: 'branch', dialect: d, expect: 'killed',
    description: `${name}: true and false targets swapped (with their arguments)`,
    applies: (o) =>
      o.name === name && o.successors.length === 2 &&
      JSON.stringify(o.successors[0]) !== JSON.stringify(o.successors[1]),
    mutate: (m, site) =>
      editAt(m, site, ({ op: o }) => {
        o.successors.reverse();
        o.properties = o.properties.map((p) => {
          if ((p.name === 'operandSegmentSizes' || p.name === 'branch_weights') && p.value.kind === 'denseArray') {
            const v = [...p.value.values];
            const [a, b] = p.name === 'operandSegmentSizes' ? [1, 2] : [0, 1];
            [v[a], v[b]] = [v[b]!, v[a]!];
            return { name: p.name, value: { ...p.value, values: v } };
          }
          return p;
        });
      }),
  };
}

/** The first (successor, i, j) whose arguments i < j have one type and differ. */
function argPair(o: Operation, defs: Map<string, Operation>): [number, number, number] | null {
  for (const [s, succ] of o.successors.entries()) {
    for (let i = 0; i < succ.args.length; i++) {
      for (let j = i + 1; j < succ.args.length; j++) {
        const a = succ.args[i]!;
        const b = succ.args[j]!;
        if (sameType(a.type, b.type) && !certainlyEqual(defs, a, b)) return [s, i, j];
      }
    }
  }
  return null;
}

function brSwapArgs(d: D): MutationOperator {
  const names = [`${d}.br`, `${d}.cond_br`];
  return {
    name: `${d}-br-swap-args`, family: 'branch', dialect: d, expect: 'killed',
    description: `${d}.br/${d}.cond_br: two block arguments of the same type passed the wrong way round`,
    applies: (o, ctx) => names.includes(o.name) && argPair(o, ctx.facts.defs) !== null,
    mutate: (m, site) =>
      editAt(m, site, ({ op: o }, fn) => {
        const [s, i, j] = argPair(o, defsOf(fn))!;
        const args = o.successors[s]!.args;
        [args[i], args[j]] = [args[j]!, args[i]!];
      }),
  };
}

// ------------------------------------------------------------------------------------ calls

export function calleeOf(o: Operation): string | null {
  const a: Attr | undefined = getAttr(o.properties, 'callee');
  return a && a.kind === 'symbolRef' ? a.root : null;
}

/** Names of the functions the module only declares (no body): external code, I/O. */
const declaredCache = new WeakMap<Module, Set<string>>();
function declaredOnly(m: Module): Set<string> {
  const hit = declaredCache.get(m);
  if (hit) return hit;
  const withBody = new Set(functionsOf(m).map((f) => symbolName(f.fn)));
  const out = new Set<string>();
  for (const top of m.ops) {
    const inner = top.name === 'builtin.module' ? top.regions[0]?.blocks.flatMap((b) => b.ops) ?? [] : [top];
    for (const o of inner) {
      if ((o.name === 'func.func' || o.name === 'llvm.func') && !isFunction(o) && !withBody.has(symbolName(o))) out.add(symbolName(o));
    }
  }
  declaredCache.set(m, out);
  return out;
}

const callName = (d: 'func' | 'llvm') => (d === 'func' ? 'func.call' : 'llvm.call');

function dropCall(d: 'func' | 'llvm'): MutationOperator {
  return {
    name: `${d}-drop-call`, family: 'call', dialect: d, expect: 'killed',
    description: `a ${callName(d)} removed (its scalar results replaced by 0)`,
    applies: (o) => o.name === callName(d) && calleeOf(o) !== null && o.results.every((r) => zeroAttr(r.type) !== null),
    mutate: (m, site) =>
      editAt(m, site, ({ op: o, block, index }, fn) => {
        const fresh = freshNamer(fn);
        const constName = d === 'llvm' ? 'llvm.mlir.constant' : 'arith.constant';
        const zeros = o.results.map((r) => {
          // a fresh name: `%call#1` cannot be the result of a one-result constant
          const c = op(constName, [], [{ name: fresh(), index: null, type: r.type }], [{ name: 'value', value: zeroAttr(r.type)! }]);
          replaceUses(fn, r, c.results[0]!);
          return c;
        });
        block.ops.splice(index, 1, ...zeros);
      }),
  };
}

function swapCallArgs(d: 'func' | 'llvm'): MutationOperator {
  const pair = (o: Operation, defs: Map<string, Operation>): [number, number] | null => {
    for (let i = 0; i < o.operands.length; i++) {
      for (let j = i + 1; j < o.operands.length; j++) {
        const a = o.operands[i]!;
        const b = o.operands[j]!;
        if (sameType(a.type, b.type) && !certainlyEqual(defs, a, b)) return [i, j];
      }
    }
    return null;
  };
  return {
    name: `${d}-swap-call-args`, family: 'call', dialect: d, expect: 'killed',
    description: `${callName(d)}: two arguments of the same type swapped`,
    applies: (o, ctx) => o.name === callName(d) && calleeOf(o) !== null && pair(o, ctx.facts.defs) !== null,
    mutate: (m, site) =>
      editAt(m, site, ({ op: o }, fn) => {
        const [i, j] = pair(o, defsOf(fn))!;
        [o.operands[i], o.operands[j]] = [o.operands[j]!, o.operands[i]!];
      }),
  };
}

function dupCall(d: 'func' | 'llvm'): MutationOperator {
  return {
    name: `${d}-dup-call`, family: 'call', dialect: d, expect: 'killed',
    description: `a ${callName(d)} of an external (declared-only) function made twice: the outside world sees one call too many`,
    applies: (o, ctx) => o.name === callName(d) && calleeOf(o) !== null && calleeOf(o) !== 'malloc' && declaredOnly(ctx.module).has(calleeOf(o)!),
    mutate: (m, site) =>
      editAt(m, site, ({ op: o, block, index }, fn) => {
        const fresh = freshNamer(fn);
        const copy = structuredClone(o);
        copy.results = copy.results.map((r) => ({ ...r, name: fresh(), index: null }));
        insertBefore(block, index, [copy]);
      }),
  };
}

export function controlOperators(): MutationOperator[] {
  return [
    swapCondBr('cf'), brSwapArgs('cf'), swapCondBr('llvm'), brSwapArgs('llvm'),
    dropCall('func'), swapCallArgs('func'), dupCall('func'),
    dropCall('llvm'), swapCallArgs('llvm'), dupCall('llvm'),
  ];
}
