// Finding sites in a module and rewriting a copy of it at one site. Only the function that
// holds the site is deep-copied; every other op is shared with the original (read-only).
import type { Block, Module, Operation } from '../../compiler/mlir/ir.ts';
import { getAttr } from '../../compiler/mlir/ir.ts';
import type { Site } from './types.ts';

/** A function-like op: a symbol with a body (`func.func`, `llvm.func`). */
export function isFunction(op: Operation): boolean {
  return (op.name === 'func.func' || op.name === 'llvm.func') && op.regions.length > 0 && op.regions[0]!.blocks.length > 0;
}

export function symbolName(op: Operation): string {
  const a = getAttr(op.properties, 'sym_name') ?? getAttr(op.attributes, 'sym_name');
  return a && a.kind === 'string' ? a.value : '?';
}

/** The functions with a body, each with the path prefix that reaches it. */
export function functionsOf(m: Module): { fn: Operation; path: number[] }[] {
  const out: { fn: Operation; path: number[] }[] = [];
  m.ops.forEach((top, t) => {
    if (top.name === 'builtin.module' && top.regions.length === 1) {
      top.regions[0]!.blocks.forEach((b, bi) =>
        b.ops.forEach((op, k) => {
          if (isFunction(op)) out.push({ fn: op, path: [t, 0, bi, k] });
        }),
      );
    } else if (isFunction(top)) out.push({ fn: top, path: [t] });
  });
  return out;
}

export type Located = { op: Operation; block: Block; index: number; path: number[] };

/** Every op inside `fn`, in walk order (outer op before the ops nested in it), with its path. */
export function* opsOfFunction(fn: Operation, prefix: number[]): Generator<Located> {
  function* inOp(op: Operation, path: number[]): Generator<Located> {
    for (const [r, region] of op.regions.entries()) {
      for (const [b, block] of region.blocks.entries()) {
        for (const [k, inner] of block.ops.entries()) {
          const p = [...path, r, b, k];
          yield { op: inner, block, index: k, path: p };
          yield* inOp(inner, p);
        }
      }
    }
  }
  yield* inOp(fn, prefix);
}

/** A copy of `m` in which the function holding `site` (and only it) is a fresh deep copy;
 *  returns the copy, the copied function, and the op at the site inside it. */
export function copyForSite(m: Module, site: Site): { module: Module; fn: Operation; at: Located } {
  const path = site.path;
  const fnDepth = m.ops[path[0]!]!.name === 'builtin.module' ? 4 : 1;
  const module: Module = { ...m, ops: [...m.ops] };
  let fn: Operation;
  if (fnDepth === 1) {
    fn = structuredClone(m.ops[path[0]!]!);
    module.ops[path[0]!] = fn;
  } else {
    const top = m.ops[path[0]!]!;
    const region = top.regions[path[1]!]!;
    const block = region.blocks[path[2]!]!;
    fn = structuredClone(block.ops[path[3]!]!);
    const ops = [...block.ops];
    ops[path[3]!] = fn;
    const blocks = [...region.blocks];
    blocks[path[2]!] = { ...block, ops };
    const regions = [...top.regions];
    regions[path[1]!] = { blocks };
    module.ops[path[0]!] = { ...top, regions };
  }
  const at = resolve(fn, path.slice(fnDepth), path);
  if (at.op.name !== site.opName) throw new Error(`mutant site ${site.fn}@${site.ordinal}: expected ${site.opName}, found ${at.op.name}`);
  return { module, fn, at };
}

function resolve(fn: Operation, rest: number[], full: number[]): Located {
  let op = fn;
  let block: Block | null = null;
  let index = -1;
  for (let k = 0; k < rest.length; k += 3) {
    block = op.regions[rest[k]!]!.blocks[rest[k + 1]!]!;
    index = rest[k + 2]!;
    op = block.ops[index]!;
  }
  if (!block) throw new Error('a site path must reach inside a function');
  return { op, block, index, path: full };
}

/** Runs `edit` on a copy of `m` at `site`; the copy is returned. */
export function editAt(m: Module, site: Site, edit: (at: Located, fn: Operation) => void): Module {
  const { module, fn, at } = copyForSite(m, site);
  edit(at, fn);
  return module;
}
