// Custom-form printers of the arith and memref ops (checked by print-custom.ts).
import type { Operation } from './ir.ts';
import { CMPF_PREDICATES, CMPI_PREDICATES, ROUNDING } from './custom-arith.ts';
import { DYNAMIC } from './custom-memref.ts';
import { printAttr, printType, quote, symbol } from './print-type-attr.ts';
import { printRegion } from './print.ts';
import {
  dict, flag, head, ints, mixed, prop, restDict, ty, types, v, vals, type CustomPrinter,
} from './print-custom-util.ts';

const binary = (op: Operation) => `${v(op.operands[0]!)}, ${v(op.operands[1]!)}`;

/** `%a, %b overflow<...> {attrs} : T` (arith ops with one flags property). */
function flagged(word: string, propName: string): CustomPrinter {
  return (op, indent) => `${head(op, indent)} ${binary(op)}${flag(prop(op, propName), word)}${restDict(op, [propName])} : ${ty(op.results[0]!.type)}`;
}

const plain: CustomPrinter = (op, indent) => `${head(op, indent)} ${binary(op)}${dict(op.attributes)} : ${ty(op.results[0]!.type)}`;
const cast: CustomPrinter = (op, indent) => `${head(op, indent)} ${v(op.operands[0]!)}${dict(op.attributes)} : ${ty(op.operands[0]!.type)} to ${ty(op.results[0]!.type)}`;

function compare(names: string[], fastmath: boolean): CustomPrinter {
  return (op, indent) => {
    const p = prop(op, 'predicate');
    if (p?.kind !== 'int' || names[Number(p.value)] === undefined) return null;
    const fm = fastmath ? flag(prop(op, 'fastmath'), 'fastmath') : '';
    return `${head(op, indent)} ${names[Number(p.value)]}, ${binary(op)}${fm}${restDict(op, ['predicate', 'fastmath'])} : ${ty(op.operands[0]!.type)}`;
  };
}

export const arithPrinters: Record<string, CustomPrinter> = {
  'arith.constant': (op, indent) => {
    const value = prop(op, 'value');
    if (!value) return null;
    return `${head(op, indent)}${restDict(op, ['value'])} ${printAttr(value)}`;
  },
  'arith.cmpi': compare(CMPI_PREDICATES, false),
  'arith.cmpf': compare(CMPF_PREDICATES, true),
  'arith.negf': (op, indent) => `${head(op, indent)} ${v(op.operands[0]!)}${flag(prop(op, 'fastmath'), 'fastmath')}${restDict(op, ['fastmath'])} : ${ty(op.results[0]!.type)}`,
  'arith.select': (op, indent) => {
    const [c, a, b] = op.operands;
    const cond = c!.type.kind === 'integer' && c!.type.width === 1 ? '' : `${ty(c!.type)}, `;
    return `${head(op, indent)} ${v(c!)}, ${v(a!)}, ${v(b!)}${dict(op.attributes)} : ${cond}${ty(op.results[0]!.type)}`;
  },
  'arith.addui_extended': (op, indent) => `${head(op, indent)} ${binary(op)}${dict(op.attributes)} : ${types(op.results)}`,
  'arith.mulsi_extended': (op, indent) => `${head(op, indent)} ${binary(op)}${dict(op.attributes)} : ${ty(op.results[0]!.type)}`,
  'arith.mului_extended': (op, indent) => `${head(op, indent)} ${binary(op)}${dict(op.attributes)} : ${ty(op.results[0]!.type)}`,
  'arith.truncf': (op, indent) => {
    const rm = prop(op, 'roundingmode');
    const mode = rm?.kind === 'int' ? ` ${ROUNDING[Number(rm.value)]}` : '';
    return `${head(op, indent)} ${v(op.operands[0]!)}${mode}${flag(prop(op, 'fastmath'), 'fastmath')}${restDict(op, ['roundingmode', 'fastmath'])} : ${ty(op.operands[0]!.type)} to ${ty(op.results[0]!.type)}`;
  },
};
for (const n of ['addi', 'subi', 'muli', 'shli']) arithPrinters[`arith.${n}`] = flagged('overflow', 'overflowFlags');
for (const n of ['addf', 'subf', 'mulf', 'divf', 'remf', 'maximumf', 'minimumf', 'maxnumf', 'minnumf']) arithPrinters[`arith.${n}`] = flagged('fastmath', 'fastmath');
for (const n of [
  'divsi', 'divui', 'remsi', 'remui', 'andi', 'ori', 'xori', 'shrsi', 'shrui', 'maxsi', 'maxui', 'minsi', 'minui',
  'ceildivsi', 'ceildivui', 'floordivsi', 'mulhisi', 'mulhiui',
]) {
  arithPrinters[`arith.${n}`] = plain;
}
for (const n of ['extsi', 'extui', 'trunci', 'index_cast', 'index_castui', 'sitofp', 'uitofp', 'fptosi', 'fptoui', 'extf', 'bitcast']) {
  arithPrinters[`arith.${n}`] = cast;
}

const idx = (vs: Operation['operands']) => `[${vals(vs)}]`;

/** subview / reinterpret_cast: offsets, sizes and strides, each static or an operand. */
function viewLists(op: Operation): [string, string, string] | null {
  const seg = ints(prop(op, 'operandSegmentSizes'));
  const so = ints(prop(op, 'static_offsets'));
  const ss = ints(prop(op, 'static_sizes'));
  const st = ints(prop(op, 'static_strides'));
  if (!seg || !so || !ss || !st || seg.length !== 4) return null;
  const [, no, ns] = seg.map(Number) as [number, number, number, number];
  const rest = op.operands.slice(1);
  const o = mixed(so, rest.slice(0, no), DYNAMIC);
  const s = mixed(ss, rest.slice(no, no + ns), DYNAMIC);
  const t = mixed(st, rest.slice(no + ns), DYNAMIC);
  return o && s && t ? [o, s, t] : null;
}
const VIEW_PROPS = ['operandSegmentSizes', 'static_offsets', 'static_sizes', 'static_strides'];

const allocLike: CustomPrinter = (op, indent) => {
  const seg = ints(prop(op, 'operandSegmentSizes'));
  if (!seg || seg.length !== 2) return null;
  const nd = Number(seg[0]);
  const syms = op.operands.slice(nd);
  return `${head(op, indent)}(${vals(op.operands.slice(0, nd))})${syms.length > 0 ? idx(syms) : ''}${restDict(op, ['operandSegmentSizes'])} : ${ty(op.results[0]!.type)}`;
};

export const memrefPrinters: Record<string, CustomPrinter> = {
  'memref.view': (op, indent) => {
    const [m, shift, ...sizes] = op.operands;
    if (!m || !shift) return null;
    return `${head(op, indent)} ${v(m)}[${v(shift)}]${idx(sizes)}${dict(op.attributes)} : ${ty(m.type)} to ${ty(op.results[0]!.type)}`;
  },
  'memref.assume_alignment': (op, indent) => {
    const n = prop(op, 'alignment');
    if (n?.kind !== 'int') return null;
    return `${head(op, indent)} ${v(op.operands[0]!)}, ${n.value}${restDict(op, ['alignment'])} : ${ty(op.operands[0]!.type)}`;
  },
  'memref.alloca_scope': (op, indent, inner) => {
    const skip = (x: Operation) => op.results.length === 0 && x.name === 'memref.alloca_scope.return' && x.operands.length === 0 && x.attributes.length === 0;
    const res = op.results.length > 0 ? ` -> (${types(op.results)})` : '';
    return `${head(op, indent)}${res} ${printRegion(op.regions[0]!, indent, inner, false, skip)}${dict(op.attributes)}`;
  },
  'memref.alloca_scope.return': (op, indent) => `${head(op, indent)}${dict(op.attributes)}${op.operands.length > 0 ? ` ${vals(op.operands)} : ${types(op.operands)}` : ''}`,
  'memref.realloc': (op, indent) => {
    const [m, ...size] = op.operands;
    return `${head(op, indent)} ${v(m!)}${size.length > 0 ? `(${vals(size)})` : ''}${restDict(op, [])} : ${ty(m!.type)} to ${ty(op.results[0]!.type)}`;
  },
  'memref.alloc': allocLike,
  'memref.alloca': allocLike,
  'memref.dealloc': (op, indent) => `${head(op, indent)} ${v(op.operands[0]!)}${dict(op.attributes)} : ${ty(op.operands[0]!.type)}`,
  'memref.load': (op, indent) => `${head(op, indent)} ${v(op.operands[0]!)}${idx(op.operands.slice(1))}${restDict(op, [])} : ${ty(op.operands[0]!.type)}`,
  'memref.store': (op, indent) =>
    `${head(op, indent)} ${v(op.operands[0]!)}, ${v(op.operands[1]!)}${idx(op.operands.slice(2))}${restDict(op, [])} : ${ty(op.operands[1]!.type)}`,
  'memref.rank': (op, indent) => `${head(op, indent)} ${v(op.operands[0]!)}${dict(op.attributes)} : ${ty(op.operands[0]!.type)}`,
  'memref.dim': (op, indent) => `${head(op, indent)}${dict(op.attributes)} ${binary(op)} : ${ty(op.operands[0]!.type)}`,
  'memref.cast': cast,
  'memref.copy': (op, indent) => `${head(op, indent)} ${binary(op)}${dict(op.attributes)} : ${ty(op.operands[0]!.type)} to ${ty(op.operands[1]!.type)}`,
  'memref.subview': (op, indent) => {
    const l = viewLists(op);
    if (!l) return null;
    return `${head(op, indent)} ${v(op.operands[0]!)}${l[0]} ${l[1]} ${l[2]}${restDict(op, VIEW_PROPS)} : ${ty(op.operands[0]!.type)} to ${ty(op.results[0]!.type)}`;
  },
  'memref.reinterpret_cast': (op, indent) => {
    const l = viewLists(op);
    if (!l) return null;
    return `${head(op, indent)} ${v(op.operands[0]!)} to offset: ${l[0]}, sizes: ${l[1]}, strides: ${l[2]}${restDict(op, VIEW_PROPS)} : ${ty(op.operands[0]!.type)} to ${ty(op.results[0]!.type)}`;
  },
  'memref.extract_strided_metadata': (op, indent) => `${head(op, indent)} ${v(op.operands[0]!)}${dict(op.attributes)} : ${ty(op.operands[0]!.type)} -> ${types(op.results)}`,
  'memref.extract_aligned_pointer_as_index': (op, indent) =>
    `${head(op, indent)} ${v(op.operands[0]!)}${dict(op.attributes)} : ${ty(op.operands[0]!.type)} -> ${ty(op.results[0]!.type)}`,
  'memref.get_global': (op, indent) => {
    const name = prop(op, 'name');
    if (!name) return null;
    return `${head(op, indent)} ${printAttr(name)}${restDict(op, ['name'])} : ${ty(op.results[0]!.type)}`;
  },
  'memref.global': (op, indent) => {
    const name = prop(op, 'sym_name');
    const type = prop(op, 'type');
    const vis = prop(op, 'sym_visibility');
    const init = prop(op, 'initial_value');
    if (name?.kind !== 'string' || type?.kind !== 'type') return null;
    let initText = '';
    if (init?.kind === 'unit') initText = ' = uninitialized';
    else if (init?.kind === 'dense') initText = ' = ' + printAttr(init).replace(/ : [^]*$/, '');
    else if (init) return null;
    return `${head(op, indent)} ${vis?.kind === 'string' ? quote(vis.value) + ' ' : ''}${prop(op, 'constant') ? 'constant ' : ''}${symbol(name.value)} : ${printType(type.type)}${initText}${restDict(op, ['sym_name', 'type', 'sym_visibility', 'initial_value', 'constant'])}`;
  },
};
