// Canonical SSA names: renames every value and block label by position, so two modules
// that differ only in names (mlir-opt's custom form says `%c0_i64`, its generic form `%12`)
// become equal values.
import type { Block, Module, Operation, Region, Successor, Value } from './ir.ts';

type Scope = { values: Map<string, string>; parent: Scope | null };

const key = (v: { name: string; index: number | null }) => (v.index === null ? v.name : `${v.name}#${v.index}`);

function lookup(s: Scope | null, k: string): string | undefined {
  for (; s; s = s.parent) {
    const v = s.values.get(k);
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * A copy of `m` whose values are `%v0, %v1, ...` (multi-result ops `%vN#k`) in definition
 * order, and whose block labels are `bb1, bb2, ...` per region. Uses of undefined values
 * keep their name, prefixed with `free.`.
 */
export function canonicalNames(m: Module): Module {
  let counter = 0;

  function defineRegion(r: Region, scope: Scope): void {
    // Every value defined directly in a region is visible in all of its blocks, whatever the
    // block order, so they are all named before any use is renamed.
    for (const b of r.blocks) {
      for (const a of b.args) scope.values.set(key(a), `v${counter++}`);
      for (const op of b.ops) {
        // One name per op: `%v3` for a single result, `%v3#0, %v3#1` for several, however
        // the text grouped them (`%base, %sizes:2` and `%7:3` name the same results).
        if (op.results.length === 1) scope.values.set(key(op.results[0]!), `v${counter++}`);
        else if (op.results.length > 1) {
          const n = `v${counter++}`;
          op.results.forEach((res, k) => scope.values.set(key(res), `${n}#${k}`));
        }
      }
    }
  }

  function rename(v: Value, scope: Scope): Value {
    const n = lookup(scope, key(v)) ?? `free.${key(v)}`;
    const hash = n.indexOf('#');
    return hash < 0 ? { name: n, index: null, type: v.type } : { name: n.slice(0, hash), index: Number(n.slice(hash + 1)), type: v.type };
  }

  function region(r: Region, parent: Scope): Region {
    const scope: Scope = { values: new Map(), parent };
    defineRegion(r, scope);
    const labels = new Map<string, string>();
    r.blocks.forEach((b, k) => {
      if (b.label !== null) labels.set(b.label, `bb${k}`);
    });
    const succ = (s: Successor): Successor => ({ label: labels.get(s.label) ?? `free.${s.label}`, args: s.args.map((a) => rename(a, scope)) });
    const block = (b: Block, k: number): Block => ({
      label: k === 0 ? null : `bb${k}`,
      args: b.args.map((a) => rename(a, scope)),
      ops: b.ops.map((op) => operation(op, scope, succ)),
    });
    return { blocks: r.blocks.map(block) };
  }

  function operation(op: Operation, scope: Scope, succ: (s: Successor) => Successor): Operation {
    const out: Operation = {
      ...op,
      results: op.results.map((v) => rename(v, scope)),
      operands: op.operands.map((v) => rename(v, scope)),
      successors: op.successors.map(succ),
      regions: [],
    };
    out.regions = op.regions.map((r) => region(r, scope));
    return out;
  }

  const top: Scope = { values: new Map(), parent: null };
  const topRegion = region({ blocks: [{ label: null, args: [], ops: m.ops }] }, top);
  const result: Module = { kind: 'Module', ops: topRegion.blocks[0]!.ops };
  if (m.locAliases) result.locAliases = m.locAliases;
  return result;
}
