// Custom syntax of the llvm dialect ops that the lowering passes produce (and that
// hand-written LLVM-dialect code uses).
import type { Attr, NamedAttr, Type } from './ir.ts';
import { i } from './ir.ts';
import type { CustomParser } from './parse.ts';
import {
  commaList, describe, eatBare, eatPunct, expectBare, expectInt, expectKind, expectPunct, fail, isPunct, next, type P,
} from './parser-state.ts';
import { parseAttr, parseFunctionType, parseSymbolRef, parseType, parseTypeList } from './parse-type-attr.ts';
import {
  attrs, boolLike, colonType, draft, i32Array, i64Array, intAttr, mixedList, opaque, optAttrDict, optFlagAttr,
  optKeywordAttrDict, ref, refList, strAttr, successor, typeAttr, typed, unit, withType,
} from './custom-helpers.ts';
import { attrArray, entryArgs, parseParams, parseResults } from './custom-func.ts';
import { switchCases, switchProps } from './custom-cf.ts';
import { CMPI_PREDICATES } from './custom-arith.ts';

const LINKAGES = new Set([
  'private', 'internal', 'available_externally', 'linkonce', 'weak', 'common', 'appending', 'extern_weak',
  'linkonce_odr', 'weak_odr', 'external',
]);
const VISIBILITIES: Record<string, number> = { hidden: 1, protected: 2 };
const UNNAMED_ADDR: Record<string, number> = { local_unnamed_addr: 1, unnamed_addr: 2 };
const isCConv = (w: string) => /^([a-z0-9_]*cc|cc_\d+)$/.test(w);
const TAIL_CALL = new Set(['tail', 'musttail', 'notail']);
export const FCMP_PREDICATES = [
  '_false', 'oeq', 'ogt', 'oge', 'olt', 'ole', 'one', 'ord', 'ueq', 'ugt', 'uge', 'ult', 'ule', 'une', 'uno', '_true',
];
const ORDERINGS: Record<string, number> = { not_atomic: 0, unordered: 1, monotonic: 2, acquire: 4, release: 5, acq_rel: 6, seq_cst: 7 };

export const ROUNDING_MODES: Record<string, number> = { towardzero: 0, tonearest: 1, upward: 2, downward: 3, tonearestaway: 4, dynamic: 7 };
export const EXCEPTION_BEHAVIOURS: Record<string, number> = { ignore: 0, maytrap: 1, strict: 2 };

const NONE_FASTMATH = opaque('#llvm.fastmath<none>');
const NONE_OVERFLOW = opaque('#llvm.overflow<none>');

const FUNC_INHERENT = new Set([
  'sym_name', 'sym_visibility', 'function_type', 'linkage', 'dso_local', 'CConv', 'comdat', 'convergent', 'personality',
  'garbageCollector', 'passthrough', 'arg_attrs', 'res_attrs', 'function_entry_count', 'memory', 'visibility_',
  'arm_streaming', 'arm_locally_streaming', 'arm_streaming_compatible', 'arm_new_za', 'arm_in_za', 'arm_out_za',
  'arm_inout_za', 'arm_preserves_za', 'section', 'unnamed_addr', 'alignment', 'vscale_range', 'frame_pointer',
  'target_cpu', 'tune_cpu', 'target_features', 'unsafe_fp_math', 'no_infs_fp_math', 'no_nans_fp_math',
  'approx_func_fp_math', 'no_signed_zeros_fp_math', 'denormal_fp_math', 'denormal_fp_math_f32', 'fp_contract',
  'no_inline', 'always_inline', 'no_unwind', 'will_return', 'optimize_none',
]);
const GLOBAL_INHERENT = new Set([
  'global_type', 'constant', 'sym_name', 'linkage', 'dso_local', 'thread_local_', 'value', 'alignment', 'addr_space',
  'unnamed_addr', 'section', 'comdat', 'visibility_',
]);
const MEM_INHERENT = ['access_groups', 'alias_scopes', 'noalias_scopes', 'tbaa'];
const LOAD_INHERENT = new Set(['alignment', 'volatile_', 'nontemporal', 'invariant', 'ordering', 'syncscope', ...MEM_INHERENT]);
const CALL_INHERENT = new Set(['callee', 'var_callee_type', 'fastmathFlags', 'CConv', 'TailCallKind', 'branch_weights', ...MEM_INHERENT]);
/** Intrinsics with a fast-math flags property (shown only when not `none`). */
const FASTMATH_INTRINSICS = new Set([
  'fabs', 'sqrt', 'sin', 'cos', 'exp', 'exp2', 'exp10', 'log', 'log2', 'log10', 'pow', 'powi', 'floor', 'ceil', 'trunc',
  'round', 'roundeven', 'rint', 'nearbyint', 'fma', 'fmuladd', 'copysign', 'maxnum', 'minnum', 'maximum', 'minimum',
]);
/**
 * Intrinsics mlir-opt 19 reads in the shared `(args) : (T) -> R` form (checked one by one;
 * memcpy, memset, abs, ctlz, cttz and others have no custom form at all).
 */
export const INTRINSICS_WITH_CALL_FORM = new Set([
  ...FASTMATH_INTRINSICS, 'smax', 'smin', 'umax', 'umin', 'ctpop', 'bitreverse', 'bswap', 'fshl', 'fshr',
]);
const INTRINSIC_INHERENT = new Set(['fastmathFlags', 'is_int_min_poison', 'is_zero_poison', 'isVolatile', ...MEM_INHERENT]);

// Which attributes are inherent (properties) was checked name by name against mlir-opt 19:
// in an attribute dictionary of the custom form they go to `<{...}>` in the generic form.

/** The leading keywords of llvm.func / llvm.mlir.global, as properties. */
function linkageKeywords(p: P, units: Record<string, string>, allowCConv: boolean): NamedAttr[] {
  const props: NamedAttr[] = [];
  let linkage = 'external';
  let visibility = 0;
  let unnamed = 0;
  for (;;) {
    const w = p.tok.kind === 'bare' ? p.tok.text : null;
    if (w === null) break;
    if (LINKAGES.has(w)) linkage = w;
    else if (w in VISIBILITIES) visibility = VISIBILITIES[w]!;
    else if (w in UNNAMED_ADDR) unnamed = UNNAMED_ADDR[w]!;
    else if (w in units) props.push({ name: units[w]!, value: unit });
    else if (allowCConv && isCConv(w)) props.push({ name: 'CConv', value: opaque(`#llvm.cconv<${w}>`) });
    else break;
    next(p);
  }
  props.push({ name: 'linkage', value: opaque(`#llvm.linkage<${linkage}>`) });
  props.push({ name: 'visibility_', value: intAttr(visibility) });
  props.push({ name: 'unnamed_addr', value: intAttr(unnamed) });
  return props;
}

/** The type of the element at `position` inside an aggregate. */
function elementAt(p: P, t: Type, position: bigint[], at: number): Type {
  let cur = t;
  for (const k of position) {
    const n = Number(k);
    if (cur.kind === 'llvm.struct' && Array.isArray(cur.body) && n >= 0 && n < cur.body.length) cur = cur.body[n]!;
    else if (cur.kind === 'llvm.array' && n >= 0 && n < cur.size) cur = cur.element;
    else fail(p, `position ${position.join(', ')} is not inside the aggregate type`, at);
  }
  return cur;
}

function positions(p: P): bigint[] {
  const { refs, items } = mixedList(p);
  if (refs.length > 0) fail(p, 'aggregate positions must be constants', refs[0]!.at);
  return items as bigint[];
}

function binaryRefs(p: P) {
  const lhs = ref(p);
  expectPunct(p, ',');
  return { lhs, rhs: ref(p) };
}

/** `%a, %b {attrs} : T` with optional flag keywords and properties with defaults. */
function arith(defaults: NamedAttr[], flag: 'overflow' | 'exact' | 'disjoint' | null): CustomParser {
  return (p) => {
    const props = [...defaults];
    if (flag === 'exact' && eatBare(p, 'exact')) props.push({ name: 'isExact', value: unit });
    else if (flag === 'disjoint' && eatBare(p, 'disjoint')) props.push({ name: 'isDisjoint', value: unit });
    const { lhs, rhs } = binaryRefs(p);
    if (flag === 'overflow') {
      const f = optFlagAttr(p, 'overflow', 'llvm');
      if (f) props[0] = { name: 'overflowFlags', value: f };
    }
    const dict = optAttrDict(p);
    const t = colonType(p);
    return draft({
      operands: [withType(lhs, t), withType(rhs, t)],
      resultTypes: [t],
      // isExact / isDisjoint only from the keywords: in a dictionary mlir-opt 19 keeps them
      // discardable (it has no such properties) and mlir-translate-19 drops them
      ...attrs(dict, ['overflowFlags', 'fastmathFlags'], props),
    });
  };
}

const cast: CustomParser = (p) => {
  const props: NamedAttr[] = [];
  if (eatBare(p, 'nneg')) props.push({ name: 'nonNeg', value: unit });
  const a = ref(p);
  const dict = optAttrDict(p);
  const from = colonType(p);
  expectBare(p, 'to');
  // nonNeg only from the keyword (a dictionary's is discardable in MLIR 19, as isExact above)
  return draft({ operands: [withType(a, from)], resultTypes: [parseType(p)], ...attrs(dict, [], props) });
};

/** `: T` after a constant-like op: undef, poison, zero. */
const typedNullary: CustomParser = (p) => {
  const attributes = optAttrDict(p);
  return draft({ resultTypes: [colonType(p)], attributes });
};

/** `atomic (syncscope("s"))? ordering` or nothing; returns the ordering/syncscope props. */
function atomic(p: P): NamedAttr[] {
  if (!eatBare(p, 'atomic')) return [{ name: 'ordering', value: intAttr(0) }];
  const props: NamedAttr[] = [];
  if (eatBare(p, 'syncscope')) {
    expectPunct(p, '(');
    props.push({ name: 'syncscope', value: strAttr(expectKind(p, 'string', 'a sync scope').text) });
    expectPunct(p, ')');
  }
  const w = expectKind(p, 'bare', 'an atomic ordering');
  if (!(w.text in ORDERINGS)) fail(p, `unknown atomic ordering '${w.text}'`, w);
  props.push({ name: 'ordering', value: intAttr(ORDERINGS[w.text]!) });
  return props;
}

function predicate(p: P, names: string[]): number {
  const t = expectKind(p, 'string', 'a predicate string');
  const k = names.indexOf(t.text);
  if (k < 0) fail(p, `unknown predicate "${t.text}"`, t);
  return k;
}

/** `llvm.intr.lifetime.start 8, %p : !llvm.ptr` (invariant.start also returns a pointer). */
function sizedPointer(returnsPointer: boolean): CustomParser {
  return (p) => {
    const size = expectInt(p, 'a size');
    expectPunct(p, ',');
    const a = ref(p);
    const dict = optAttrDict(p);
    const t = colonType(p);
    return draft({ operands: [withType(a, t)], resultTypes: returnsPointer ? [t] : [], ...attrs(dict, ['size'], [{ name: 'size', value: intAttr(size) }]) });
  };
}

export const llvmParsers: Record<string, CustomParser> = {
  'llvm.func': (p, ctx) => {
    const props = linkageKeywords(p, {}, true);
    if (!props.some((a) => a.name === 'CConv')) props.push({ name: 'CConv', value: opaque('#llvm.cconv<ccc>') });
    props.push({ name: 'sym_name', value: strAttr(expectKind(p, 'at', 'the function name').text) });
    const { params, varArg } = parseParams(p, true);
    const res = parseResults(p);
    if (res.types.length > 1) fail(p, 'an LLVM function has at most one result');
    props.push({
      name: 'function_type',
      value: typeAttr({ kind: 'llvm.func', result: res.types[0] ?? { kind: 'llvm.void' }, params: params.map((x) => x.type), varArg }),
    });
    const argAttrs = attrArray(params.map((x) => x.attrs));
    if (argAttrs) props.push({ name: 'arg_attrs', value: argAttrs });
    const resAttrs = attrArray(res.attrs);
    if (resAttrs) props.push({ name: 'res_attrs', value: resAttrs });
    const dict = optKeywordAttrDict(p);
    const regions = [isPunct(p, '{') ? ctx.region(p, { ...ctx, defaultDialect: null }, entryArgs(params) ?? []) : { blocks: [] }];
    return draft({ ...attrs(dict, FUNC_INHERENT, props), regions });
  },
  'llvm.return': (p) => {
    const attributes = optAttrDict(p);
    const refs = refList(p);
    if (refs.length === 0) return draft({ attributes });
    expectPunct(p, ':');
    return draft({ operands: typed(p, refs, parseTypeList(p)), attributes });
  },
  // llvm.call cconv? tailkind? (@f | %fp)(args) (vararg(T))? {attrs} : (ptrT,)? (T) -> R
  'llvm.call': (p) => {
    const props: NamedAttr[] = [];
    let cconv = 'ccc';
    let tail = 'none';
    if (p.tok.kind === 'bare' && isCConv(p.tok.text)) cconv = next(p).text;
    if (p.tok.kind === 'bare' && TAIL_CALL.has(p.tok.text)) tail = next(p).text;
    props.push({ name: 'CConv', value: opaque(`#llvm.cconv<${cconv}>`) });
    props.push({ name: 'TailCallKind', value: opaque(`#llvm.tailcallkind<${tail}>`) });
    props.push({ name: 'fastmathFlags', value: NONE_FASTMATH });
    const fp = p.tok.kind === 'percent' ? ref(p) : null;
    if (!fp) props.push({ name: 'callee', value: parseSymbolRef(p) });
    expectPunct(p, '(');
    const refs = refList(p);
    expectPunct(p, ')');
    if (eatBare(p, 'vararg')) {
      expectPunct(p, '(');
      props.push({ name: 'var_callee_type', value: typeAttr(parseType(p)) });
      expectPunct(p, ')');
    }
    const dict = optAttrDict(p);
    expectPunct(p, ':');
    const operands = [];
    if (fp) {
      operands.push(withType(fp, parseType(p)));
      expectPunct(p, ',');
    }
    const fn = parseFunctionType(p);
    operands.push(...typed(p, refs, fn.inputs));
    return draft({ operands, resultTypes: fn.results, ...attrs(dict, CALL_INHERENT, props) });
  },
  'llvm.mlir.constant': (p) => {
    expectPunct(p, '(');
    const value = parseAttr(p);
    expectPunct(p, ')');
    const dict = optAttrDict(p);
    const t = colonType(p);
    return draft({ resultTypes: [t], ...attrs(dict, ['value'], [{ name: 'value', value }]) });
  },
  'llvm.mlir.undef': typedNullary,
  'llvm.mlir.poison': typedNullary,
  'llvm.mlir.zero': typedNullary,
  'llvm.mlir.addressof': (p) => {
    const g = parseSymbolRef(p);
    const dict = optAttrDict(p);
    return draft({ resultTypes: [colonType(p)], ...attrs(dict, ['global_name'], [{ name: 'global_name', value: g }]) });
  },
  // llvm.mlir.global keywords @name(value?) (comdat(@c))? {attrs} (: T)? ({ init })?
  'llvm.mlir.global': (p, ctx) => {
    const props = linkageKeywords(p, {
      constant: 'constant', thread_local: 'thread_local_',
    }, false);
    props.push({ name: 'sym_name', value: strAttr(expectKind(p, 'at', 'the global name').text) });
    expectPunct(p, '(');
    let value: Attr | null = null;
    if (!isPunct(p, ')')) value = parseAttr(p);
    expectPunct(p, ')');
    if (value) props.push({ name: 'value', value });
    if (eatBare(p, 'comdat')) {
      expectPunct(p, '(');
      props.push({ name: 'comdat', value: parseSymbolRef(p) });
      expectPunct(p, ')');
    }
    const dict = optAttrDict(p);
    let t: Type | null = null;
    if (eatPunct(p, ':')) t = parseType(p);
    else if (value?.kind === 'string') t = { kind: 'llvm.array', size: value.value.length, element: i(8) };
    if (!t) fail(p, 'llvm.mlir.global needs a type');
    props.push({ name: 'global_type', value: typeAttr(t) });
    const split = attrs(dict, GLOBAL_INHERENT, props);
    if (!split.properties.some((a) => a.name === 'addr_space')) {
      split.properties = attrs([], new Set(), [...split.properties, { name: 'addr_space', value: intAttr(0, 32) }]).properties;
    }
    const region = isPunct(p, '{') ? ctx.region(p, { ...ctx, defaultDialect: null }, []) : { blocks: [] };
    return draft({ ...split, regions: [region] });
  },
  'llvm.unreachable': (p) => draft({ attributes: optAttrDict(p) }),
  'llvm.br': (p) => {
    const s = successor(p);
    const dict = optAttrDict(p);
    return draft({ successors: [s], ...attrs(dict, ['loop_annotation']) });
  },
  // llvm.cond_br %c (weights([a, b]))?, ^t(...), ^f(...) {attrs}
  'llvm.cond_br': (p) => {
    const c = ref(p);
    const props: NamedAttr[] = [];
    if (eatBare(p, 'weights')) {
      expectPunct(p, '(');
      const ws = commaList(p, '[', ']', () => expectInt(p, 'a branch weight'));
      expectPunct(p, ')');
      props.push({ name: 'branch_weights', value: i32Array(ws) });
    }
    expectPunct(p, ',');
    const t = successor(p);
    expectPunct(p, ',');
    const f = successor(p);
    const dict = optAttrDict(p);
    props.push({ name: 'operandSegmentSizes', value: i32Array([1, t.args.length, f.args.length]) });
    return draft({
      operands: [withType(c, i(1))],
      successors: [t, f],
      ...attrs(dict, ['branch_weights', 'loop_annotation', 'operandSegmentSizes'], props),
    });
  },
  // llvm.switch %v : T, ^default(...) [ 1: ^bb1, ... ] {attrs}
  'llvm.switch': (p) => {
    const v = ref(p);
    const t = colonType(p);
    expectPunct(p, ',');
    const def = successor(p);
    const { values, cases } = switchCases(p, false);
    const dict = optAttrDict(p);
    return draft({
      operands: [withType(v, t)],
      successors: [def, ...cases],
      ...attrs(dict, ['case_operand_segments', 'operandSegmentSizes', 'case_values', 'branch_weights'], switchProps(t, def, values, cases)),
    });
  },
  'llvm.icmp': (p) => {
    const k = predicate(p, CMPI_PREDICATES);
    const { lhs, rhs } = binaryRefs(p);
    const dict = optAttrDict(p);
    const t = colonType(p);
    return draft({
      operands: [withType(lhs, t), withType(rhs, t)],
      resultTypes: [boolLike(t)],
      ...attrs(dict, ['predicate'], [{ name: 'predicate', value: intAttr(k) }]),
    });
  },
  'llvm.fcmp': (p) => {
    const k = predicate(p, FCMP_PREDICATES);
    const { lhs, rhs } = binaryRefs(p);
    const dict = optAttrDict(p);
    const t = colonType(p);
    return draft({
      operands: [withType(lhs, t), withType(rhs, t)],
      resultTypes: [boolLike(t)],
      ...attrs(dict, ['predicate', 'fastmathFlags'], [{ name: 'fastmathFlags', value: NONE_FASTMATH }, { name: 'predicate', value: intAttr(k) }]),
    });
  },
  // llvm.select %c, %a, %b {attrs} : C, T
  'llvm.select': (p) => {
    const c = ref(p);
    expectPunct(p, ',');
    const { lhs, rhs } = binaryRefs(p);
    const dict = optAttrDict(p);
    const ct = colonType(p);
    expectPunct(p, ',');
    const t = parseType(p);
    return draft({
      operands: [withType(c, ct), withType(lhs, t), withType(rhs, t)],
      resultTypes: [t],
      ...attrs(dict, ['fastmathFlags'], [{ name: 'fastmathFlags', value: NONE_FASTMATH }]),
    });
  },
  'llvm.fneg': (p) => {
    const a = ref(p);
    const dict = optAttrDict(p);
    const t = colonType(p);
    return draft({ operands: [withType(a, t)], resultTypes: [t], ...attrs(dict, ['fastmathFlags'], [{ name: 'fastmathFlags', value: NONE_FASTMATH }]) });
  },
  'llvm.freeze': (p) => {
    const a = ref(p);
    const attributes = optAttrDict(p);
    const t = colonType(p);
    return draft({ operands: [withType(a, t)], resultTypes: [t], attributes });
  },
  // llvm.alloca (inalloca)? %n x T {attrs} : (I) -> !llvm.ptr
  'llvm.alloca': (p) => {
    const props: NamedAttr[] = [];
    if (eatBare(p, 'inalloca')) props.push({ name: 'inalloca', value: unit });
    const n = ref(p);
    if (!eatBare(p, 'x')) fail(p, `expected 'x', found ${describe(p.tok)}`);
    props.push({ name: 'elem_type', value: typeAttr(parseType(p)) });
    const dict = optAttrDict(p);
    expectPunct(p, ':');
    const fn = parseFunctionType(p);
    return draft({ operands: typed(p, [n], fn.inputs), resultTypes: fn.results, ...attrs(dict, ['alignment', 'elem_type', 'inalloca'], props) });
  },
  // llvm.load (volatile)? %p (atomic ...)? {attrs} : !llvm.ptr -> T
  'llvm.load': (p) => {
    const props: NamedAttr[] = [];
    if (eatBare(p, 'volatile')) props.push({ name: 'volatile_', value: unit });
    const a = ref(p);
    props.push(...atomic(p));
    const dict = optAttrDict(p);
    const pt = colonType(p);
    expectPunct(p, '->');
    return draft({ operands: [withType(a, pt)], resultTypes: [parseType(p)], ...attrs(dict, LOAD_INHERENT, props) });
  },
  // llvm.store (volatile)? %v, %p (atomic ...)? {attrs} : T, !llvm.ptr
  'llvm.store': (p) => {
    const props: NamedAttr[] = [];
    if (eatBare(p, 'volatile')) props.push({ name: 'volatile_', value: unit });
    const { lhs, rhs } = binaryRefs(p);
    props.push(...atomic(p));
    const dict = optAttrDict(p);
    const vt = colonType(p);
    expectPunct(p, ',');
    const pt = parseType(p);
    return draft({ operands: [withType(lhs, vt), withType(rhs, pt)], ...attrs(dict, LOAD_INHERENT, props) });
  },
  // llvm.getelementptr (inbounds)? %base[indices] {attrs} : (types) -> T, Elem
  'llvm.getelementptr': (p) => {
    const props: NamedAttr[] = [];
    if (eatBare(p, 'inbounds')) props.push({ name: 'inbounds', value: unit });
    const base = ref(p);
    const { refs, items } = mixedList(p);
    props.push({ name: 'rawConstantIndices', value: i32Array(items.map((x) => (x === null ? -2147483648 : Number(x)))) });
    const dict = optAttrDict(p);
    expectPunct(p, ':');
    const fn = parseFunctionType(p);
    if (eatPunct(p, ',')) props.push({ name: 'elem_type', value: typeAttr(parseType(p)) });
    return draft({
      operands: typed(p, [base, ...refs], fn.inputs),
      resultTypes: fn.results,
      ...attrs(dict, ['inbounds', 'rawConstantIndices', 'elem_type'], props),
    });
  },
  // llvm.insertvalue %v, %agg[pos] {attrs} : AggT  (operands are container, then value)
  'llvm.insertvalue': (p) => {
    const { lhs: v, rhs: agg } = binaryRefs(p);
    const at = p.tok.start;
    const pos = positions(p);
    const dict = optAttrDict(p);
    const t = colonType(p);
    return draft({
      operands: [withType(agg, t), withType(v, elementAt(p, t, pos, at))],
      resultTypes: [t],
      ...attrs(dict, ['position'], [{ name: 'position', value: i64Array(pos) }]),
    });
  },
  'llvm.extractvalue': (p) => {
    const agg = ref(p);
    const at = p.tok.start;
    const pos = positions(p);
    const dict = optAttrDict(p);
    const t = colonType(p);
    return draft({
      operands: [withType(agg, t)],
      resultTypes: [elementAt(p, t, pos, at)],
      ...attrs(dict, ['position'], [{ name: 'position', value: i64Array(pos) }]),
    });
  },
  'llvm.intr.stacksave': (p) => {
    const attributes = optAttrDict(p);
    return draft({ resultTypes: [colonType(p)], attributes });
  },
  'llvm.intr.stackrestore': (p) => {
    const a = ref(p);
    const attributes = optAttrDict(p);
    return draft({ operands: [withType(a, colonType(p))], attributes });
  },
  // %r = llvm.intr.experimental.constrained.fptrunc %x tonearest ignore : f64 to f32
  'llvm.intr.experimental.constrained.fptrunc': (p) => {
    const a = ref(p);
    const rm = expectKind(p, 'bare', 'a rounding mode');
    if (!(rm.text in ROUNDING_MODES)) fail(p, `unknown rounding mode '${rm.text}'`, rm);
    const eb = expectKind(p, 'bare', 'an exception behaviour');
    if (!(eb.text in EXCEPTION_BEHAVIOURS)) fail(p, `unknown exception behaviour '${eb.text}'`, eb);
    const dict = optAttrDict(p);
    const from = colonType(p);
    expectBare(p, 'to');
    const props = [
      { name: 'fpExceptionBehavior', value: intAttr(EXCEPTION_BEHAVIOURS[eb.text]!) },
      { name: 'roundingmode', value: intAttr(ROUNDING_MODES[rm.text]!) },
    ];
    return draft({ operands: [withType(a, from)], resultTypes: [parseType(p)], ...attrs(dict, ['fpExceptionBehavior', 'roundingmode'], props) });
  },
  'llvm.intr.lifetime.start': sizedPointer(false),
  'llvm.intr.lifetime.end': sizedPointer(false),
  'llvm.intr.invariant.start': sizedPointer(true),
  'llvm.intr.trap': (p) => draft({ attributes: optAttrDict(p) }),
  'llvm.intr.debugtrap': (p) => draft({ attributes: optAttrDict(p) }),
};

for (const op of ['add', 'sub', 'mul', 'shl']) llvmParsers[`llvm.${op}`] = arith([{ name: 'overflowFlags', value: NONE_OVERFLOW }], 'overflow');
for (const op of ['udiv', 'sdiv', 'lshr', 'ashr']) llvmParsers[`llvm.${op}`] = arith([], 'exact');
for (const op of ['urem', 'srem', 'and', 'xor']) llvmParsers[`llvm.${op}`] = arith([], null);
llvmParsers['llvm.or'] = arith([], 'disjoint');
for (const op of ['fadd', 'fsub', 'fmul', 'fdiv', 'frem']) llvmParsers[`llvm.${op}`] = arith([{ name: 'fastmathFlags', value: NONE_FASTMATH }], null);
for (const op of ['sext', 'zext', 'trunc', 'bitcast', 'ptrtoint', 'inttoptr', 'sitofp', 'uitofp', 'fptosi', 'fptoui', 'fpext', 'fptrunc', 'addrspacecast']) {
  llvmParsers[`llvm.${op}`] = cast;
}

/** `llvm.intr.NAME(%a, %b) {attrs} : (T, U) -> R`: the custom form most intrinsics share. */
export const intrinsicParser: CustomParser = (p, _ctx, name) => {
  expectPunct(p, '(');
  const refs = refList(p);
  expectPunct(p, ')');
  const dict = optAttrDict(p);
  expectPunct(p, ':');
  const fn = parseFunctionType(p);
  const props: NamedAttr[] = FASTMATH_INTRINSICS.has(name.slice('llvm.intr.'.length)) ? [{ name: 'fastmathFlags', value: NONE_FASTMATH }] : [];
  return draft({ operands: typed(p, refs, fn.inputs), resultTypes: fn.results, ...attrs(dict, INTRINSIC_INHERENT, props) });
};
