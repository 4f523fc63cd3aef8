// Pieces shared by the per-dialect custom-syntax parsers.
import type { Attr, NamedAttr, Region, Successor, Type, Value } from './ir.ts';
import { i } from './ir.ts';
import type { OpDraft } from './parse.ts';
import { describe, eatBare, eatPunct, expectPunct, fail, isPunct, next, parseValueRef, type P } from './parser-state.ts';
import { parseAttrDict, parseType, parseTypeList, rawBody } from './parse-type-attr.ts';
import { splitInherent } from './op-info.ts';

export type Ref = { name: string; index: number | null; at: number };

export function ref(p: P): Ref {
  const at = p.tok.start;
  const v = parseValueRef(p);
  return { name: v.name, index: v.index, at };
}

/** `%a, %b, %c` (possibly none: stops at the first token that is not a value). */
export function refList(p: P): Ref[] {
  const out: Ref[] = [];
  if (p.tok.kind !== 'percent') return out;
  do out.push(ref(p));
  while (eatPunct(p, ','));
  return out;
}

export function withType(r: Ref, type: Type): Value {
  return { name: r.name, index: r.index, type };
}

/** Pairs values with their types, checking the counts agree. */
export function typed(p: P, refs: Ref[], types: Type[]): Value[] {
  if (refs.length !== types.length) {
    fail(p, `${refs.length} value${refs.length === 1 ? '' : 's'} but ${types.length} type${types.length === 1 ? '' : 's'}`, refs[0]?.at ?? p.tok.start);
  }
  return refs.map((r, k) => withType(r, types[k]!));
}

/** `%a, %b : T, U` or nothing: the operands of return/yield-like ops. */
export function optTypedList(p: P): Value[] {
  const refs = refList(p);
  if (refs.length === 0) return [];
  expectPunct(p, ':');
  return typed(p, refs, parseTypeList(p));
}

export function colonType(p: P): Type {
  expectPunct(p, ':');
  return parseType(p);
}

export function optAttrDict(p: P): NamedAttr[] {
  return isPunct(p, '{') ? parseAttrDict(p) : [];
}

/** `attributes {...}` or nothing. */
export function optKeywordAttrDict(p: P): NamedAttr[] {
  return eatBare(p, 'attributes') ? parseAttrDict(p) : [];
}

/** `^bb1` or `^bb1(%a, %b : T, U)`. */
export function successor(p: P): Successor {
  if (p.tok.kind !== 'caret') fail(p, `expected a successor block, found ${describe(p.tok)}`);
  const label = next(p).text;
  let args: Value[] = [];
  if (eatPunct(p, '(')) {
    args = optTypedList(p);
    expectPunct(p, ')');
  }
  return { label, args };
}

/** An op record with the given parts; everything else empty. */
export function draft(parts: Partial<OpDraft>): OpDraft {
  return {
    operands: parts.operands ?? [],
    resultTypes: parts.resultTypes ?? [],
    properties: parts.properties ?? [],
    attributes: parts.attributes ?? [],
    successors: parts.successors ?? [],
    regions: parts.regions ?? [],
  };
}

/** Properties and discardable attributes from an op's fixed properties and its custom attribute dictionary. */
export function attrs(dict: NamedAttr[], inherent: ReadonlySet<string> | readonly string[], props: NamedAttr[] = []): { properties: NamedAttr[]; attributes: NamedAttr[] } {
  return splitInherent(dict, inherent, props);
}


export const intAttr = (v: number | bigint, width = 64): Attr => ({ kind: 'int', value: BigInt(v), type: i(width) });
export const strAttr = (s: string): Attr => ({ kind: 'string', value: s });
export const unit: Attr = { kind: 'unit' };
export const typeAttr = (t: Type): Attr => ({ kind: 'type', type: t });
export const opaque = (text: string): Attr => ({ kind: 'opaque', text });
export const i32Array = (values: number[]): Attr => ({ kind: 'denseArray', elementType: i(32), values: values.map(BigInt) });
export const i64Array = (values: (number | bigint)[]): Attr => ({ kind: 'denseArray', elementType: i(64), values: values.map((v) => BigInt(v)) });

/** `word<...>` written in an op (`overflow<nsw>`), as the attribute `#dialect.word<...>`. */
export function optFlagAttr(p: P, word: string, dialect: string): Attr | null {
  if (!eatBare(p, word)) return null;
  const body = rawBody(p);
  if (!body) fail(p, `expected '<' after '${word}'`);
  return opaque(`#${dialect}.${word}${body}`);
}


/** Appends `terminator` to single-block regions whose last op is not one (implicit yields). */
export function ensureTerminator(region: Region, terminator: string): Region {
  if (region.blocks.length === 0) region.blocks.push({ label: null, args: [], ops: [] });
  const b = region.blocks[region.blocks.length - 1]!;
  const last = b.ops[b.ops.length - 1];
  if (!last || last.name !== terminator) {
    b.ops.push({ kind: 'Operation', name: terminator, results: [], operands: [], properties: [], attributes: [], successors: [], regions: [] });
  }
  return region;
}

/** The i1 type, or a vector of i1 shaped like `t` (comparison results). */
export function boolLike(t: Type): Type {
  return t.kind === 'vector' ? { ...t, element: i(1) } : t.kind === 'tensor' ? { ...t, element: i(1), encoding: null } : i(1);
}

/** A `[` list `]` of `%v` or integer constants (memref.subview offsets, GEP indices). */
export function mixedList(p: P): { refs: Ref[]; items: (bigint | null)[] } {
  expectPunct(p, '[');
  const refs: Ref[] = [];
  const items: (bigint | null)[] = [];
  if (!eatPunct(p, ']')) {
    do {
      if (p.tok.kind === 'percent') {
        refs.push(ref(p));
        items.push(null);
      } else {
        const neg = eatPunct(p, '-');
        if (p.tok.kind !== 'int') fail(p, `expected a value or an integer, found ${describe(p.tok)}`);
        const v = BigInt(next(p).text);
        items.push(neg ? -v : v);
      }
    } while (eatPunct(p, ','));
    expectPunct(p, ']');
  }
  return { refs, items };
}
