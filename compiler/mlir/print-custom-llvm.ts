// Custom-form printers of the llvm dialect ops (checked by print-custom.ts).
import type { Attr, Operation } from './ir.ts';
import { CMPI_PREDICATES } from './custom-arith.ts';
import { EXCEPTION_BEHAVIOURS, FCMP_PREDICATES, INTRINSICS_WITH_CALL_FORM, ROUNDING_MODES } from './custom-llvm.ts';
import { printRegion } from './print.ts';
import { printAttr, printType, quote, symbol } from './print-type-attr.ts';
import {
  dict, flag, functionParts, head, ints, mixed, prop, restDict, successor, SWITCH_PROPS, switchCases, ty, types, v, vals,
  type CustomPrinter,
} from './print-custom-util.ts';

const NONE_FM = '#llvm.fastmath<none>';
const binary = (op: Operation) => `${v(op.operands[0]!)}, ${v(op.operands[1]!)}`;
const intOf = (a: Attr | undefined): number | null => (a?.kind === 'int' ? Number(a.value) : null);
const opaqueBody = (a: Attr | undefined, word: string): string | null => {
  if (a?.kind !== 'opaque') return null;
  const m = new RegExp(`^#llvm\\.${word}<(.*)>$`).exec(a.text);
  return m ? m[1]! : null;
};

/** linkage / visibility / unnamed_addr keywords, as the parser reads them. */
function linkageWords(op: Operation): string | null {
  const linkage = opaqueBody(prop(op, 'linkage'), 'linkage');
  const vis = intOf(prop(op, 'visibility_'));
  const unnamed = intOf(prop(op, 'unnamed_addr'));
  if (linkage === null || vis === null || unnamed === null) return null;
  const words: string[] = [];
  if (linkage !== 'external') words.push(linkage);
  if (vis !== 0) words.push(vis === 1 ? 'hidden' : 'protected');
  if (unnamed !== 0) words.push(unnamed === 1 ? 'local_unnamed_addr' : 'unnamed_addr');
  return words.map((w) => w + ' ').join('');
}
const LINKAGE_PROPS = ['linkage', 'visibility_', 'unnamed_addr'];

function arith(word: string | null): CustomPrinter {
  return (op, indent) => {
    let kw = '';
    const shown = ['overflowFlags'];
    if (word === 'overflow') kw = flag(prop(op, 'overflowFlags'), 'overflow');
    if (prop(op, 'isExact')) (kw = ' exact'), shown.push('isExact');
    if (prop(op, 'isDisjoint')) (kw = ' disjoint'), shown.push('isDisjoint');
    const text = `${v(op.operands[0]!)}, ${v(op.operands[1]!)}`;
    const pre = word === 'overflow' ? ` ${text}${kw}` : `${kw} ${text}`;
    return `${head(op, indent)}${pre}${restDict(op, shown, { fastmathFlags: NONE_FM })} : ${ty(op.results[0]!.type)}`;
  };
}

const cast: CustomPrinter = (op, indent) =>
  `${head(op, indent)}${prop(op, 'nonNeg') ? ' nneg' : ''} ${v(op.operands[0]!)}${restDict(op, ['nonNeg'])} : ${ty(op.operands[0]!.type)} to ${ty(op.results[0]!.type)}`;
const nullary: CustomPrinter = (op, indent) => `${head(op, indent)}${dict(op.attributes)} : ${ty(op.results[0]!.type)}`;
const ORDERINGS = ['not_atomic', 'unordered', 'monotonic', '', 'acquire', 'release', 'acq_rel', 'seq_cst'];

function atomic(op: Operation): string | null {
  const ord = intOf(prop(op, 'ordering'));
  if (ord === null || !ORDERINGS[ord]) return null;
  if (ord === 0) return '';
  const scope = prop(op, 'syncscope');
  return ` atomic${scope?.kind === 'string' ? ` syncscope(${quote(scope.value)})` : ''} ${ORDERINGS[ord]}`;
}

const sizedPointer: CustomPrinter = (op, indent) => {
  const size = intOf(prop(op, 'size'));
  if (size === null) return null;
  return `${head(op, indent)} ${size}, ${v(op.operands[0]!)}${restDict(op, ['size'])} : ${ty(op.operands[0]!.type)}`;
};

export const llvmPrinters: Record<string, CustomPrinter> = {
  'llvm.func': (op, indent, inner) => {
    const ft = prop(op, 'function_type');
    const name = prop(op, 'sym_name');
    const cconv = opaqueBody(prop(op, 'CConv'), 'cconv');
    const words = linkageWords(op);
    if (ft?.kind !== 'type' || ft.type.kind !== 'llvm.func' || name?.kind !== 'string' || cconv === null || words === null) return null;
    const parts = functionParts(op, ft.type.params, indent, inner, ft.type.varArg);
    if (!parts) return null;
    const resAttrs = prop(op, 'res_attrs');
    let res = '';
    if (ft.type.result.kind !== 'llvm.void') {
      const d = resAttrs?.kind === 'array' && resAttrs.elements[0]?.kind === 'dict' ? dict(resAttrs.elements[0].entries) : '';
      res = d ? ` -> (${ty(ft.type.result)}${d})` : ` -> ${ty(ft.type.result)}`;
    }
    const rest = restDict(op, ['sym_name', 'function_type', 'CConv', 'arg_attrs', 'res_attrs', ...LINKAGE_PROPS]);
    return `${head(op, indent)} ${words}${cconv === 'ccc' ? '' : cconv + ' '}${symbol(name.value)}${parts.sig}${res}${rest ? ' attributes' + rest : ''}${parts.body}`;
  },
  'llvm.return': (op, indent) => `${head(op, indent)}${dict(op.attributes)}${op.operands.length > 0 ? ` ${vals(op.operands)} : ${types(op.operands)}` : ''}`,
  'llvm.call': (op, indent) => {
    const cconv = opaqueBody(prop(op, 'CConv'), 'cconv');
    const tail = opaqueBody(prop(op, 'TailCallKind'), 'tailcallkind');
    if (cconv === null || tail === null) return null;
    const callee = prop(op, 'callee');
    const args = callee ? op.operands : op.operands.slice(1);
    const target = callee ? printAttr(callee) : v(op.operands[0]!);
    const va = prop(op, 'var_callee_type');
    const vararg = va?.kind === 'type' ? ` vararg(${printType(va.type)})` : '';
    const rest = restDict(op, ['CConv', 'TailCallKind', 'callee', 'var_callee_type'], { fastmathFlags: NONE_FM });
    const fnPtr = callee ? '' : `${ty(op.operands[0]!.type)}, `;
    const results = op.results.length === 1 && op.results[0]!.type.kind !== 'function' ? ty(op.results[0]!.type) : `(${types(op.results)})`;
    return `${head(op, indent)} ${cconv === 'ccc' ? '' : cconv + ' '}${tail === 'none' ? '' : tail + ' '}${target}(${vals(args)})${vararg}${rest} : ${fnPtr}(${types(args)}) -> ${results}`;
  },
  'llvm.mlir.constant': (op, indent) => {
    const value = prop(op, 'value');
    if (!value) return null;
    return `${head(op, indent)}(${printAttr(value)})${restDict(op, ['value'])} : ${ty(op.results[0]!.type)}`;
  },
  'llvm.mlir.undef': nullary,
  'llvm.mlir.poison': nullary,
  'llvm.mlir.zero': nullary,
  'llvm.mlir.addressof': (op, indent) => {
    const g = prop(op, 'global_name');
    if (!g) return null;
    return `${head(op, indent)} ${printAttr(g)}${restDict(op, ['global_name'])} : ${ty(op.results[0]!.type)}`;
  },
  'llvm.mlir.global': (op, indent, inner) => {
    const name = prop(op, 'sym_name');
    const type = prop(op, 'global_type');
    const words = linkageWords(op);
    if (name?.kind !== 'string' || type?.kind !== 'type' || words === null) return null;
    // mlir-opt 19 reads thread_local only before constant (though it prints it elsewhere)
    const units = [['thread_local_', 'thread_local'], ['constant', 'constant']];
    const kws = units.filter(([p]) => prop(op, p!)).map(([, w]) => w + ' ').join('');
    const value = prop(op, 'value');
    const comdat = prop(op, 'comdat');
    const rest = restDict(op, ['sym_name', 'global_type', 'value', 'comdat', ...LINKAGE_PROPS, ...units.map(([p]) => p!)]);
    const region = op.regions[0]?.blocks.length ? ' ' + printRegion(op.regions[0], indent, inner, false) : '';
    return `${head(op, indent)} ${words}${kws}${symbol(name.value)}(${value ? printAttr(value) : ''})${comdat ? ` comdat(${printAttr(comdat)})` : ''}${rest} : ${printType(type.type)}${region}`;
  },
  'llvm.unreachable': (op, indent) => `${head(op, indent)}${dict(op.attributes)}`,
  'llvm.br': (op, indent) => `${head(op, indent)} ${successor(op.successors[0]!)}${restDict(op, [])}`,
  'llvm.cond_br': (op, indent) => {
    const w = ints(prop(op, 'branch_weights'));
    const weights = w ? ` weights([${w.join(', ')}])` : '';
    return `${head(op, indent)} ${v(op.operands[0]!)}${weights}, ${successor(op.successors[0]!)}, ${successor(op.successors[1]!)}${restDict(op, ['operandSegmentSizes', 'branch_weights'])}`;
  },
  'llvm.switch': (op, indent) =>
    `${head(op, indent)} ${v(op.operands[0]!)} : ${ty(op.operands[0]!.type)}, ${successor(op.successors[0]!)} [${switchCases(op, false)}]${restDict(op, SWITCH_PROPS)}`,
  'llvm.icmp': (op, indent) => {
    const k = intOf(prop(op, 'predicate'));
    if (k === null || !CMPI_PREDICATES[k]) return null;
    return `${head(op, indent)} ${quote(CMPI_PREDICATES[k]!)} ${binary(op)}${restDict(op, ['predicate'])} : ${ty(op.operands[0]!.type)}`;
  },
  'llvm.fcmp': (op, indent) => {
    const k = intOf(prop(op, 'predicate'));
    if (k === null || !FCMP_PREDICATES[k]) return null;
    return `${head(op, indent)} ${quote(FCMP_PREDICATES[k]!)} ${binary(op)}${restDict(op, ['predicate'], { fastmathFlags: NONE_FM })} : ${ty(op.operands[0]!.type)}`;
  },
  'llvm.select': (op, indent) =>
    `${head(op, indent)} ${vals(op.operands)}${restDict(op, [], { fastmathFlags: NONE_FM })} : ${ty(op.operands[0]!.type)}, ${ty(op.results[0]!.type)}`,
  'llvm.fneg': (op, indent) => `${head(op, indent)} ${v(op.operands[0]!)}${restDict(op, [], { fastmathFlags: NONE_FM })} : ${ty(op.results[0]!.type)}`,
  'llvm.freeze': (op, indent) => `${head(op, indent)} ${v(op.operands[0]!)}${dict(op.attributes)} : ${ty(op.results[0]!.type)}`,
  'llvm.alloca': (op, indent) => {
    const et = prop(op, 'elem_type');
    if (et?.kind !== 'type') return null;
    return `${head(op, indent)}${prop(op, 'inalloca') ? ' inalloca' : ''} ${v(op.operands[0]!)} x ${printType(et.type)}${restDict(op, ['elem_type', 'inalloca'])} : (${types(op.operands)}) -> ${ty(op.results[0]!.type)}`;
  },
  'llvm.load': (op, indent) => {
    const at = atomic(op);
    if (at === null) return null;
    return `${head(op, indent)}${prop(op, 'volatile_') ? ' volatile' : ''} ${v(op.operands[0]!)}${at}${restDict(op, ['ordering', 'syncscope', 'volatile_'])} : ${ty(op.operands[0]!.type)} -> ${ty(op.results[0]!.type)}`;
  },
  'llvm.store': (op, indent) => {
    const at = atomic(op);
    if (at === null) return null;
    return `${head(op, indent)}${prop(op, 'volatile_') ? ' volatile' : ''} ${binary(op)}${at}${restDict(op, ['ordering', 'syncscope', 'volatile_'])} : ${ty(op.operands[0]!.type)}, ${ty(op.operands[1]!.type)}`;
  },
  'llvm.getelementptr': (op, indent) => {
    const raw = ints(prop(op, 'rawConstantIndices'));
    if (!raw) return null;
    const list = mixed(raw, op.operands.slice(1), -2147483648n);
    if (!list) return null;
    const et = prop(op, 'elem_type');
    const elem = et?.kind === 'type' ? `, ${printType(et.type)}` : '';
    return `${head(op, indent)}${prop(op, 'inbounds') ? ' inbounds' : ''} ${v(op.operands[0]!)}${list}${restDict(op, ['rawConstantIndices', 'elem_type', 'inbounds'])} : (${types(op.operands)}) -> ${ty(op.results[0]!.type)}${elem}`;
  },
  'llvm.insertvalue': (op, indent) => {
    const pos = ints(prop(op, 'position'));
    if (!pos) return null;
    return `${head(op, indent)} ${v(op.operands[1]!)}, ${v(op.operands[0]!)}[${pos.join(', ')}]${restDict(op, ['position'])} : ${ty(op.operands[0]!.type)}`;
  },
  'llvm.extractvalue': (op, indent) => {
    const pos = ints(prop(op, 'position'));
    if (!pos) return null;
    return `${head(op, indent)} ${v(op.operands[0]!)}[${pos.join(', ')}]${restDict(op, ['position'])} : ${ty(op.operands[0]!.type)}`;
  },
  'llvm.intr.stacksave': (op, indent) => `${head(op, indent)}${dict(op.attributes)} : ${ty(op.results[0]!.type)}`,
  'llvm.intr.stackrestore': (op, indent) => `${head(op, indent)} ${v(op.operands[0]!)}${dict(op.attributes)} : ${ty(op.operands[0]!.type)}`,
  'llvm.intr.experimental.constrained.fptrunc': (op, indent) => {
    const rm = Object.keys(ROUNDING_MODES).find((k) => ROUNDING_MODES[k] === intOf(prop(op, 'roundingmode')));
    const eb = Object.keys(EXCEPTION_BEHAVIOURS).find((k) => EXCEPTION_BEHAVIOURS[k] === intOf(prop(op, 'fpExceptionBehavior')));
    if (!rm || !eb) return null;
    return `${head(op, indent)} ${v(op.operands[0]!)} ${rm} ${eb}${restDict(op, ['roundingmode', 'fpExceptionBehavior'])} : ${ty(op.operands[0]!.type)} to ${ty(op.results[0]!.type)}`;
  },
  'llvm.intr.lifetime.start': sizedPointer,
  'llvm.intr.lifetime.end': sizedPointer,
  'llvm.intr.invariant.start': sizedPointer,
  'llvm.intr.trap': (op, indent) => `${head(op, indent)}${dict(op.attributes)}`,
  'llvm.intr.debugtrap': (op, indent) => `${head(op, indent)}${dict(op.attributes)}`,
  /** Any other intrinsic: `llvm.intr.NAME(%a) {attrs} : (T) -> R`. */
  'llvm.intr.*': (op, indent) => {
    if (!INTRINSICS_WITH_CALL_FORM.has(op.name.slice('llvm.intr.'.length))) return null;
    const results = op.results.length === 1 && op.results[0]!.type.kind !== 'function' ? ty(op.results[0]!.type) : `(${types(op.results)})`;
    return `${head(op, indent)}(${vals(op.operands)})${restDict(op, [], { fastmathFlags: NONE_FM })} : (${types(op.operands)}) -> ${results}`;
  },
};

for (const n of ['add', 'sub', 'mul', 'shl']) llvmPrinters[`llvm.${n}`] = arith('overflow');
for (const n of ['udiv', 'sdiv', 'lshr', 'ashr', 'urem', 'srem', 'and', 'xor', 'or', 'fadd', 'fsub', 'fmul', 'fdiv', 'frem']) llvmPrinters[`llvm.${n}`] = arith(null);
for (const n of ['sext', 'zext', 'trunc', 'bitcast', 'ptrtoint', 'inttoptr', 'sitofp', 'uitofp', 'fptosi', 'fptoui', 'fpext', 'fptrunc', 'addrspacecast']) {
  llvmPrinters[`llvm.${n}`] = cast;
}
