// Custom syntax of the memref dialect ops that Clef code and the lowering passes use.
import type { Attr, NamedAttr, Type } from './ir.ts';
import { index } from './ir.ts';
import type { CustomParser } from './parse.ts';
import { eatBare, eatPunct, expectBare, expectInt, expectKind, expectPunct, fail, isPunct, next, type P } from './parser-state.ts';
import { parseAttr, parseResultTypes, parseSymbolRef, parseType, parseTypeList } from './parse-type-attr.ts';
import {
  attrs, colonType, draft, ensureTerminator, i32Array, i64Array, intAttr, mixedList, optAttrDict, optTypedList, ref, refList,
  strAttr, typeAttr, unit, withType, type Ref,
} from './custom-helpers.ts';

/** ShapedType::kDynamic: how static_offsets/sizes/strides mark a dynamic entry. */
export const DYNAMIC = -9223372036854775808n;

function memrefType(p: P, t: Type, at: number): Type & { kind: 'memref' } {
  if (t.kind !== 'memref') fail(p, 'expected a ranked memref type', at);
  return t;
}

function elementOf(p: P, t: Type, at: number): Type {
  if (t.kind === 'memref' || t.kind === 'unrankedMemref') return t.element;
  return fail(p, 'expected a memref type', at);
}

const indices = (refs: Ref[]) => refs.map((r) => withType(r, index));

/** `[%i, %j]` after a memref operand. */
function indexList(p: P): Ref[] {
  expectPunct(p, '[');
  const refs = refList(p);
  expectPunct(p, ']');
  return refs;
}

/** alloc/alloca: `(%d0, ...)([%s0, ...])? {attrs} : memref<...>` */
const allocLike: CustomParser = (p) => {
  expectPunct(p, '(');
  const dyn = refList(p);
  expectPunct(p, ')');
  let syms: Ref[] = [];
  if (isPunct(p, '[')) syms = indexList(p);
  const dict = optAttrDict(p);
  const t = colonType(p);
  return draft({
    operands: [...indices(dyn), ...indices(syms)],
    resultTypes: [t],
    ...attrs(dict, ['alignment', 'operandSegmentSizes'], [{ name: 'operandSegmentSizes', value: i32Array([dyn.length, syms.length]) }]),
  });
};

/** The `[...] [...] [...]` or `offset: [...], sizes: ...` of subview/reinterpret_cast. */
function viewProps(offsets: ReturnType<typeof mixedList>, sizes: ReturnType<typeof mixedList>, strides: ReturnType<typeof mixedList>): NamedAttr[] {
  const stat = (l: ReturnType<typeof mixedList>) => i64Array(l.items.map((x) => x ?? DYNAMIC));
  return [
    { name: 'operandSegmentSizes', value: i32Array([1, offsets.refs.length, sizes.refs.length, strides.refs.length]) },
    { name: 'static_offsets', value: stat(offsets) },
    { name: 'static_sizes', value: stat(sizes) },
    { name: 'static_strides', value: stat(strides) },
  ];
}

const VIEW_INHERENT = new Set(['operandSegmentSizes', 'static_offsets', 'static_sizes', 'static_strides']);

/** The tensor type a memref.global initialiser has (`memref<4xi8>` -> `tensor<4xi8>`). */
function tensorOf(t: Type): Type {
  if (t.kind !== 'memref') return t;
  return { kind: 'tensor', shape: t.shape, element: t.element, encoding: null };
}

export const memrefParsers: Record<string, CustomParser> = {
  // memref.view %buf[%byte_shift][%sizes] {attrs} : memref<?xi8> to T
  'memref.view': (p) => {
    const m = ref(p);
    const shift = indexList(p);
    const sizes = indexList(p);
    const attributes = optAttrDict(p);
    const from = colonType(p);
    expectBare(p, 'to');
    return draft({ operands: [withType(m, from), ...indices([...shift, ...sizes])], resultTypes: [parseType(p)], attributes });
  },
  // memref.assume_alignment %m, 8 {attrs} : T
  'memref.assume_alignment': (p) => {
    const m = ref(p);
    expectPunct(p, ',');
    const n = expectInt(p, 'an alignment');
    const dict = optAttrDict(p);
    return draft({ operands: [withType(m, colonType(p))], ...attrs(dict, ['alignment'], [{ name: 'alignment', value: intAttr(n, 32) }]) });
  },
  // memref.alloca_scope (-> (T))? { body } {attrs}
  'memref.alloca_scope': (p, ctx) => {
    const resultTypes = eatPunct(p, '->') ? parseResultTypes(p) : [];
    const body = ctx.region(p, ctx, []);
    if (resultTypes.length === 0) ensureTerminator(body, 'memref.alloca_scope.return');
    return draft({ resultTypes, attributes: optAttrDict(p), regions: [body] });
  },
  'memref.alloca_scope.return': (p) => {
    const attributes = optAttrDict(p);
    return draft({ operands: optTypedList(p), attributes });
  },
  // memref.realloc %m(%size)? {attrs} : T to U
  'memref.realloc': (p) => {
    const m = ref(p);
    let size: Ref[] = [];
    if (eatPunct(p, '(')) {
      size = refList(p);
      expectPunct(p, ')');
    }
    const dict = optAttrDict(p);
    const from = colonType(p);
    expectBare(p, 'to');
    return draft({ operands: [withType(m, from), ...indices(size)], resultTypes: [parseType(p)], ...attrs(dict, ['alignment']) });
  },
  'memref.alloc': allocLike,
  'memref.alloca': allocLike,
  'memref.dealloc': (p) => {
    const m = ref(p);
    const attributes = optAttrDict(p);
    return draft({ operands: [withType(m, colonType(p))], attributes });
  },
  // memref.load %m[%i] {attrs} : memref<...>
  'memref.load': (p) => {
    const m = ref(p);
    const idx = indexList(p);
    const dict = optAttrDict(p);
    const at = p.tok.start;
    const t = colonType(p);
    return draft({ operands: [withType(m, t), ...indices(idx)], resultTypes: [elementOf(p, t, at)], ...attrs(dict, ['nontemporal']) });
  },
  // memref.store %v, %m[%i] {attrs} : memref<...>
  'memref.store': (p) => {
    const v = ref(p);
    expectPunct(p, ',');
    const m = ref(p);
    const idx = indexList(p);
    const dict = optAttrDict(p);
    const at = p.tok.start;
    const t = colonType(p);
    return draft({ operands: [withType(v, elementOf(p, t, at)), withType(m, t), ...indices(idx)], ...attrs(dict, ['nontemporal']) });
  },
  // memref.dim {attrs} %m, %i : memref<...>
  'memref.dim': (p) => {
    const attributes = optAttrDict(p);
    const m = ref(p);
    expectPunct(p, ',');
    const k = ref(p);
    const t = colonType(p);
    return draft({ operands: [withType(m, t), withType(k, index)], resultTypes: [index], attributes });
  },
  // memref.rank %m {attrs} : T (it has a meaning in ops-memref.ts, so it must not be read by shape)
  'memref.rank': (p) => {
    const m = ref(p);
    const attributes = optAttrDict(p);
    const t = colonType(p);
    return draft({ operands: [withType(m, t)], resultTypes: [index], attributes });
  },
  'memref.cast': (p) => {
    const m = ref(p);
    const attributes = optAttrDict(p);
    const from = colonType(p);
    expectBare(p, 'to');
    return draft({ operands: [withType(m, from)], resultTypes: [parseType(p)], attributes });
  },
  'memref.copy': (p) => {
    const a = ref(p);
    expectPunct(p, ',');
    const b = ref(p);
    const attributes = optAttrDict(p);
    const from = colonType(p);
    expectBare(p, 'to');
    return draft({ operands: [withType(a, from), withType(b, parseType(p))], attributes });
  },
  // memref.subview %m[offsets] [sizes] [strides] {attrs} : T to U
  'memref.subview': (p) => {
    const m = ref(p);
    const offsets = mixedList(p);
    const sizes = mixedList(p);
    const strides = mixedList(p);
    const dict = optAttrDict(p);
    const from = colonType(p);
    expectBare(p, 'to');
    const to = parseType(p);
    return draft({
      operands: [withType(m, from), ...indices([...offsets.refs, ...sizes.refs, ...strides.refs])],
      resultTypes: [to],
      ...attrs(dict, VIEW_INHERENT, viewProps(offsets, sizes, strides)),
    });
  },
  // memref.reinterpret_cast %m to offset: [..], sizes: [..], strides: [..] {attrs} : T to U
  'memref.reinterpret_cast': (p) => {
    const m = ref(p);
    expectBare(p, 'to');
    expectBare(p, 'offset');
    expectPunct(p, ':');
    const offsets = mixedList(p);
    expectPunct(p, ',');
    expectBare(p, 'sizes');
    expectPunct(p, ':');
    const sizes = mixedList(p);
    expectPunct(p, ',');
    expectBare(p, 'strides');
    expectPunct(p, ':');
    const strides = mixedList(p);
    const dict = optAttrDict(p);
    const from = colonType(p);
    expectBare(p, 'to');
    const to = parseType(p);
    return draft({
      operands: [withType(m, from), ...indices([...offsets.refs, ...sizes.refs, ...strides.refs])],
      resultTypes: [to],
      ...attrs(dict, VIEW_INHERENT, viewProps(offsets, sizes, strides)),
    });
  },
  // memref.extract_strided_metadata %m {attrs} : T -> base, offset, sizes..., strides...
  'memref.extract_strided_metadata': (p) => {
    const m = ref(p);
    const attributes = optAttrDict(p);
    const from = colonType(p);
    expectPunct(p, '->');
    return draft({ operands: [withType(m, from)], resultTypes: parseTypeList(p), attributes });
  },
  'memref.extract_aligned_pointer_as_index': (p) => {
    const m = ref(p);
    const attributes = optAttrDict(p);
    const from = colonType(p);
    expectPunct(p, '->');
    return draft({ operands: [withType(m, from)], resultTypes: [parseType(p)], attributes });
  },
  // memref.get_global @name {attrs} : T
  'memref.get_global': (p) => {
    const name = parseSymbolRef(p);
    const dict = optAttrDict(p);
    return draft({ resultTypes: [colonType(p)], ...attrs(dict, ['name'], [{ name: 'name', value: name }]) });
  },
  // memref.global ("private")? (constant)? @name : T (= init | = uninitialized)? {attrs}
  'memref.global': (p) => {
    const props: NamedAttr[] = [];
    if (p.tok.kind === 'string') props.push({ name: 'sym_visibility', value: strAttr(next(p).text) });
    if (eatBare(p, 'constant')) props.push({ name: 'constant', value: unit });
    props.push({ name: 'sym_name', value: strAttr(expectKind(p, 'at', 'the global name').text) });
    const at = p.tok.start;
    const t = colonType(p);
    memrefType(p, t, at);
    props.push({ name: 'type', value: typeAttr(t) });
    if (eatPunct(p, '=')) {
      const init: Attr = eatBare(p, 'uninitialized') ? unit : parseAttr(p, tensorOf(t));
      props.push({ name: 'initial_value', value: init });
    }
    const dict = optAttrDict(p);
    return draft(attrs(dict, ['alignment', 'constant', 'initial_value', 'sym_name', 'sym_visibility', 'type'], props));
  },
};

