// The printer to the custom (pretty) form mlir-opt prints by default, for the common ops of
// builtin/func/arith/scf/cf/memref/llvm/affine. Every op printed this way is parsed back
// and compared with the original; an op whose custom syntax would lose anything (an unknown
// op, an unusual property) is printed in generic form instead, so parse(printMlirCustom(m))
// always deep-equals m.
import type { Module, Operation } from './ir.ts';
import { sameData } from './ir.ts';
import { parseOp } from './parse.ts';
import { genericOpWith, printModuleWith, printRegion, type OpPrinter } from './print.ts';
import { printAttr, symbol } from './print-type-attr.ts';
import {
  dict, functionParts, head, ints, prop, results, restDict, successor, SWITCH_PROPS, switchCases, ty, typedList, types, v, vals,
  type CustomPrinter,
} from './print-custom-util.ts';
import { arithPrinters, memrefPrinters } from './print-custom-arith-memref.ts';
import { llvmPrinters } from './print-custom-llvm.ts';
import { UB_POISON_VALUE } from './custom-ub.ts';

export function printMlirCustom(m: Module): string {
  return printModuleWith(m, printCustomOp);
}

/** One op in custom form when that form is exact, else in generic form (regions custom). */
export function printCustomOp(op: Operation, indent: string): string {
  return customOpText(op, indent) ?? genericOpWith(op, indent, printCustomOp);
}

/** The custom form of one op, checked by parsing it back; null when there is none. */
export function customOpText(op: Operation, indent = ''): string | null {
  const printer = printers[op.name] ?? (op.name.startsWith('llvm.intr.') ? llvmPrinters['llvm.intr.*'] : undefined);
  if (!printer || op.loc) return null;
  let text: string | null;
  try {
    text = printer(op, indent, printCustomOp);
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    if (op.regions.length === 0) return sameData(parseOp(text, 'custom-printer'), op) ? text : null;
    // The ops inside were each checked when printed, so only the op's own syntax is checked
    // here: on a copy that keeps each block's arguments and terminator (which decide how
    // the regions print) but not the rest, so nesting does not multiply the cost.
    const shallow = shallowCopy(op);
    const shallowText = printer(shallow, indent, printCustomOp);
    return shallowText !== null && sameData(parseOp(shallowText, 'custom-printer'), shallow) ? text : null;
  } catch {
    return null;
  }
}

function shallowCopy(op: Operation): Operation {
  const keep = (ops: Operation[]) => {
    const last = ops[ops.length - 1];
    return last && last.regions.length === 0 ? [last] : [];
  };
  return { ...op, regions: op.regions.map((r) => ({ blocks: r.blocks.map((b) => ({ ...b, ops: keep(b.ops) })) })) };
}

/** `{ ... }` of an op whose trailing terminator is implied when it is `name` with nothing in it. */
function regionSkipping(op: Operation, k: number, indent: string, inner: OpPrinter, terminator: string | null, argsElsewhere: boolean): string {
  const skip = terminator
    ? (x: Operation) => x.name === terminator && x.operands.length === 0 && x.attributes.length === 0 && x.properties.length === 0
    : undefined;
  return printRegion(op.regions[k]!, indent, inner, argsElsewhere, skip);
}

const printers: Record<string, CustomPrinter> = {
  'builtin.module': (op, indent, inner) => {
    const name = prop(op, 'sym_name');
    const sym = name?.kind === 'string' ? ` ${symbol(name.value)}` : '';
    const rest = restDict(op, ['sym_name']);
    return `${head(op, indent).replace('builtin.module', 'module')}${sym}${rest ? ' attributes' + rest : ''} ${printRegion(op.regions[0]!, indent, inner, false)}`;
  },
  'builtin.unrealized_conversion_cast': (op, indent) =>
    `${head(op, indent)}${op.operands.length > 0 ? ` ${vals(op.operands)} : ${types(op.operands)}` : ''} to ${types(op.results)}${dict(op.attributes)}`,
  'func.func': (op, indent, inner) => {
    const ft = prop(op, 'function_type');
    const name = prop(op, 'sym_name');
    if (ft?.kind !== 'type' || ft.type.kind !== 'function' || name?.kind !== 'string') return null;
    const vis = prop(op, 'sym_visibility');
    const parts = functionParts(op, ft.type.inputs, indent, inner);
    if (!parts) return null;
    const rest = restDict(op, ['sym_name', 'function_type', 'sym_visibility', 'arg_attrs', 'res_attrs']);
    return `${head(op, indent)} ${vis?.kind === 'string' ? vis.value + ' ' : ''}${symbol(name.value)}${parts.sig}${results(ft.type.results, prop(op, 'res_attrs'))}${rest ? ' attributes' + rest : ''}${parts.body}`;
  },
  'func.return': (op, indent) => `${head(op, indent)}${dict(op.attributes)}${typedList(op.operands)}`,
  'func.call': (op, indent) => {
    const callee = prop(op, 'callee');
    if (!callee) return null;
    return `${head(op, indent)} ${printAttr(callee)}(${vals(op.operands)})${restDict(op, ['callee'])} : (${types(op.operands)}) -> ${resultList(op)}`;
  },
  'func.call_indirect': (op, indent) => {
    const [f, ...args] = op.operands;
    if (!f) return null;
    return `${head(op, indent)} ${v(f)}(${vals(args)})${dict(op.attributes)} : ${ty(f.type)}`;
  },
  'func.constant': (op, indent) => {
    const value = prop(op, 'value');
    if (!value) return null;
    return `${head(op, indent)} ${printAttr(value)}${restDict(op, ['value'])} : ${ty(op.results[0]!.type)}`;
  },
  'scf.for': (op, indent, inner) => {
    const [lb, ub, step, ...inits] = op.operands;
    const body = op.regions[0]?.blocks[0];
    if (!lb || !ub || !step || !body || body.args.length !== inits.length + 1) return null;
    const [iv, ...iters] = body.args;
    const iter = inits.length > 0 ? ` iter_args(${iters.map((a, k) => `%${a.name} = ${v(inits[k]!)}`).join(', ')}) -> (${types(op.results)})` : '';
    const ivType = iv!.type.kind === 'index' ? '' : ` : ${ty(iv!.type)}`;
    const term = inits.length === 0 ? 'scf.yield' : null;
    return `${head(op, indent)} %${iv!.name} = ${v(lb)} to ${v(ub)} step ${v(step)}${iter}${ivType} ${regionSkipping(op, 0, indent, inner, term, true)}${dict(op.attributes)}`;
  },
  'scf.if': (op, indent, inner) => {
    if (op.regions.length !== 2) return null;
    const term = op.results.length === 0 ? 'scf.yield' : null;
    const res = op.results.length > 0 ? ` -> (${types(op.results)})` : '';
    const els = op.regions[1]!.blocks.length > 0 ? ` else ${regionSkipping(op, 1, indent, inner, term, false)}` : '';
    return `${head(op, indent)} ${v(op.operands[0]!)}${res} ${regionSkipping(op, 0, indent, inner, term, false)}${els}${dict(op.attributes)}`;
  },
  'scf.while': (op, indent, inner) => {
    const before = op.regions[0]?.blocks[0];
    if (op.regions.length !== 2 || !before || before.args.length !== op.operands.length) return null;
    const assigns = op.operands.length > 0 ? ` (${before.args.map((a, k) => `%${a.name} = ${v(op.operands[k]!)}`).join(', ')})` : '';
    const fn = ty({ kind: 'function', inputs: op.operands.map((x) => x.type), results: op.results.map((x) => x.type) });
    return `${head(op, indent)}${assigns} : ${fn} ${printRegion(op.regions[0]!, indent, inner, true)} do ${printRegion(op.regions[1]!, indent, inner, false)}${dict(op.attributes)}`;
  },
  'scf.condition': (op, indent) => `${head(op, indent)}(${v(op.operands[0]!)})${dict(op.attributes)}${typedList(op.operands.slice(1))}`,
  'scf.yield': (op, indent) => `${head(op, indent)}${dict(op.attributes)}${typedList(op.operands)}`,
  'scf.index_switch': (op, indent, inner) => {
    const cases = ints(prop(op, 'cases'));
    if (!cases || op.regions.length !== cases.length + 1) return null;
    const res = op.results.length > 0 ? ` -> ${types(op.results)}` : '';
    const arms = cases.map((c, k) => `\n${indent}case ${c} ${printRegion(op.regions[k + 1]!, indent, inner, false)}`).join('');
    return `${head(op, indent)} ${v(op.operands[0]!)}${restDict(op, ['cases'])}${res}${arms}\n${indent}default ${printRegion(op.regions[0]!, indent, inner, false)}`;
  },
  'scf.execute_region': (op, indent, inner) =>
    `${head(op, indent)}${op.results.length > 0 ? ` -> (${types(op.results)})` : ''} ${printRegion(op.regions[0]!, indent, inner, false)}${dict(op.attributes)}`,
  'cf.br': (op, indent) => `${head(op, indent)} ${successor(op.successors[0]!)}${dict(op.attributes)}`,
  'cf.cond_br': (op, indent) =>
    `${head(op, indent)} ${v(op.operands[0]!)}, ${successor(op.successors[0]!)}, ${successor(op.successors[1]!)}${restDict(op, ['operandSegmentSizes'])}`,
  'cf.switch': (op, indent) => `${head(op, indent)} ${v(op.operands[0]!)} : ${ty(op.operands[0]!.type)}, [${switchCases(op, true)}]${restDict(op, SWITCH_PROPS)}`,
  'cf.assert': (op, indent) => {
    const msg = prop(op, 'msg');
    if (!msg) return null;
    return `${head(op, indent)} ${v(op.operands[0]!)}, ${printAttr(msg)}${restDict(op, ['msg'])}`;
  },
  'ub.poison': (op, indent) => {
    const value = prop(op, 'value');
    if (!value) return null;
    const shown = printAttr(value) === UB_POISON_VALUE ? '' : ` <${printAttr(value)}>`;
    return `${head(op, indent)}${restDict(op, ['value'])}${shown} : ${ty(op.results[0]!.type)}`;
  },
  'affine.apply': affineMapOp,
  'affine.min': affineMapOp,
  'affine.max': affineMapOp,
  ...arithPrinters,
  ...memrefPrinters,
  ...llvmPrinters,
};

function resultList(op: Operation): string {
  return op.results.length === 1 && op.results[0]!.type.kind !== 'function' ? ty(op.results[0]!.type) : `(${types(op.results)})`;
}

function affineMapOp(op: Operation, indent: string): string | null {
  const map = prop(op, 'map');
  if (map?.kind !== 'affineMap') return null;
  const dims = /^\s*\(([^)]*)\)/.exec(map.text);
  if (!dims) return null;
  const nd = dims[1]!.trim() === '' ? 0 : dims[1]!.split(',').length;
  const d = op.operands.slice(0, nd);
  const s = op.operands.slice(nd);
  return `${head(op, indent)} ${printAttr(map)}(${vals(d)})${s.length > 0 ? `[${vals(s)}]` : ''}${restDict(op, ['map'])}`;
}

