// The MLIR text parser: files, ops in generic form, regions and blocks. Custom (pretty) op
// syntax is read by the per-dialect parsers in custom-*.ts, which build the same generic
// record (see ir.ts), so both forms of a file parse to the same Module.
import type { Attr, Block, Module, NamedAttr, Operation, Region, Successor, Type, Value } from './ir.ts';
import {
  describe, eatPunct, expectKind, expectPunct, fail, isPunct, makeParser, next, parseValueRef, type P,
} from './parser-state.ts';
import { parseAttr, parseAttrDict, parseFunctionType, parseType, rawParens, skipLoc } from './parse-type-attr.ts';
import { customParser } from './custom-registry.ts';
import { parseByShape, readableByShape } from './custom-unknown.ts';
import { skipTrivia } from './lexer.ts';
import { splitSuccessorOperands } from './op-info.ts';

/** What an op parser returns: the op without its results' names. */
export type OpDraft = {
  operands: Value[];
  resultTypes: Type[];
  properties: NamedAttr[];
  attributes: NamedAttr[];
  successors: Successor[];
  regions: Region[];
  /** Only for an op read by its shape (custom-unknown.ts): its text after the name. */
  unparsed?: string;
};

/**
 * Where an op is being parsed: the dialect whose ops may be written without a prefix, and
 * the region parser (passed along so the dialect modules need not import this one).
 */
export type OpCtx = { defaultDialect: string | null; region: RegionParser };

export type RegionParser = (p: P, ctx: OpCtx, entryArgs: Value[] | null) => Region;

const topCtx = (): OpCtx => ({ defaultDialect: null, region: parseRegion });

export type CustomParser = (p: P, ctx: OpCtx, name: string) => OpDraft;

/** Parses MLIR text (custom or generic form, or a mix) into a Module. */
export function parseMlir(text: string, file = '<input>'): Module {
  const p = makeParser(text, file);
  const ops: Operation[] = [];
  const locAliases: { name: string; text: string }[] = [];
  while (p.tok.kind !== 'eof') {
    if (p.tok.kind === 'hash' || p.tok.kind === 'bang') {
      if (parseAliasDefinition(p, locAliases)) continue;
    }
    if (isPunct(p, '{') && p.src.startsWith('{-#', p.tok.start)) fail(p, 'file metadata blocks ({-# ... #-}) are not supported');
    ops.push(parseOperation(p, topCtx()));
  }
  const m: Module = { kind: 'Module', ops };
  if (locAliases.length > 0) m.locAliases = locAliases;
  return m;
}

/** `#name = attr` or `!name = type` at top level; false if the token starts something else. */
function parseAliasDefinition(p: P, locAliases: { name: string; text: string }[]): boolean {
  const t = p.tok;
  if (p.src[skipTrivia(p.src, t.end)] !== '=') return false;
  next(p);
  expectPunct(p, '=');
  if (t.kind === 'bang') {
    if (p.typeAliases.has(t.text)) fail(p, `redefinition of type alias '!${t.text}'`, t);
    p.typeAliases.set(t.text, parseType(p));
  } else if (p.tok.kind === 'bare' && p.tok.text === 'loc') {
    next(p);
    locAliases.push({ name: t.text, text: 'loc' + rawParens(p) });
  } else {
    if (p.attrAliases.has(t.text)) fail(p, `redefinition of attribute alias '#${t.text}'`, t);
    p.attrAliases.set(t.text, parseAttr(p));
  }
  return true;
}

// ----------------------------------------------------------------------------- operations

type ResultGroup = { name: string; count: number | null; at: number };

export function parseOperation(p: P, ctx: OpCtx): Operation {
  const groups: ResultGroup[] = [];
  if (p.tok.kind === 'percent') {
    do {
      const t = expectKind(p, 'percent', 'a result name');
      if (t.index !== undefined) fail(p, 'a result name cannot have a #number', t);
      let count: number | null = null;
      if (eatPunct(p, ':')) {
        count = Number(expectKind(p, 'int', 'a result count').text);
        if (count < 1) fail(p, 'a result group needs at least one value', t);
      }
      groups.push({ name: t.text, count, at: t.start });
    } while (eatPunct(p, ','));
    expectPunct(p, '=', 'after the result names');
  }
  const at = p.tok;
  let name: string;
  let draft: OpDraft;
  if (at.kind === 'string') {
    name = next(p).text;
    draft = parseGenericBody(p, name);
  } else if (at.kind === 'bare') {
    name = resolveName(p, ctx, at.text);
    next(p);
    const custom = customParser(name);
    // an op of an MLIR dialect whose syntax is not known here: read by its shape, so that
    // the verifier can name it in the functions that hold it (custom-unknown.ts)
    draft = custom ? custom(p, ctx, name) : parseByShape(p, ctx, name, groups.reduce((n, g) => n + (g.count ?? 1), 0));
  } else return fail(p, `expected an operation, found ${describe(at)}`);
  const op: Operation = {
    kind: 'Operation',
    name,
    results: nameResults(p, groups, draft.resultTypes, at.start, name),
    operands: draft.operands,
    properties: draft.properties,
    attributes: draft.attributes,
    successors: draft.successors,
    regions: draft.regions,
  };
  if (draft.unparsed !== undefined) op.unparsed = draft.unparsed;
  if (p.tok.kind === 'bare' && p.tok.text === 'loc' && p.src[p.tok.end] === '(') {
    next(p);
    op.loc = 'loc' + rawParens(p);
  }
  return op;
}

/** The full name of a custom op (`return` inside func.func is `func.return`). */
function resolveName(p: P, ctx: OpCtx, word: string): string {
  const candidates = word.includes('.')
    ? [word]
    : [ctx.defaultDialect ? `${ctx.defaultDialect}.${word}` : null, `builtin.${word}`].filter((x): x is string => x !== null);
  for (const c of candidates) if (customParser(c)) return c;
  const shaped = candidates.find(readableByShape);
  if (shaped) return shaped;
  return fail(p, `unknown operation '${word}' in custom form (write it in generic form: "${word}"(...) : (...) -> (...))`);
}

function nameResults(p: P, groups: ResultGroup[], types: Type[], at: number, opName: string): Value[] {
  const declared = groups.reduce((n, g) => n + (g.count ?? 1), 0);
  if (declared !== types.length) {
    fail(p, `'${opName}' has ${types.length} result${types.length === 1 ? '' : 's'} but ${declared} ${declared === 1 ? 'is' : 'are'} named`, groups[0]?.at ?? at);
  }
  const out: Value[] = [];
  let k = 0;
  for (const g of groups) {
    if (g.count === null || g.count === 1) out.push({ name: g.name, index: null, type: types[k++]! });
    else for (let j = 0; j < g.count; j++) out.push({ name: g.name, index: j, type: types[k++]! });
  }
  return out;
}

/** `(%a, %b)[^bb1] <{props}> ({regions}) {attrs} : (T, T) -> R` after the quoted name. */
function parseGenericBody(p: P, name: string): OpDraft {
  const refs = commaRefs(p);
  const labels: string[] = [];
  if (eatPunct(p, '[')) {
    do labels.push(expectKind(p, 'caret', 'a successor block').text);
    while (eatPunct(p, ','));
    expectPunct(p, ']');
  }
  let properties: NamedAttr[] = [];
  if (isPunct(p, '<')) {
    next(p);
    properties = parseAttrDict(p);
    expectPunct(p, '>');
  }
  const regions: Region[] = [];
  if (isPunct(p, '(')) {
    next(p);
    const inner = topCtx();
    do regions.push(parseRegion(p, inner, null));
    while (eatPunct(p, ','));
    expectPunct(p, ')');
  }
  const attributes = isPunct(p, '{') ? parseAttrDict(p) : [];
  expectPunct(p, ':', 'before the type of a generic operation');
  const typeAt = p.tok;
  const fn = parseFunctionType(p);
  if (fn.inputs.length !== refs.length) {
    fail(p, `'${name}' has ${refs.length} operand${refs.length === 1 ? '' : 's'} but its type lists ${fn.inputs.length}`, typeAt);
  }
  const all = refs.map((r, k) => ({ ...r, type: fn.inputs[k]! }));
  const { operands, successors } = splitSuccessorOperands(name, properties, all, labels);
  return { operands, resultTypes: fn.results, properties, attributes, successors, regions };
}

/** `(%a, %b#1)` as names, types to be added. */
function commaRefs(p: P): { name: string; index: number | null }[] {
  expectPunct(p, '(');
  const out: { name: string; index: number | null }[] = [];
  if (eatPunct(p, ')')) return out;
  do out.push(parseValueRef(p));
  while (eatPunct(p, ','));
  expectPunct(p, ')');
  return out;
}


// -------------------------------------------------------------------- regions and blocks

/**
 * `{ ops ^bb1(%x: T): ops }`. `entryArgs`: the entry block's arguments when the op's custom
 * syntax names them elsewhere (func signature, scf.for induction variable).
 */
export function parseRegion(p: P, ctx: OpCtx, entryArgs: Value[] | null): Region {
  expectPunct(p, '{');
  const blocks: Block[] = [];
  if (eatPunct(p, '}')) {
    if (entryArgs && entryArgs.length > 0) blocks.push({ label: null, args: entryArgs, ops: [] });
    return { blocks };
  }
  let first = true;
  while (!isPunct(p, '}')) {
    if (p.tok.kind === 'eof') fail(p, "expected '}' to close a region");
    let label: string | null = null;
    let args: Value[] = [];
    if (p.tok.kind === 'caret') {
      const t = next(p);
      label = t.text;
      if (isPunct(p, '(')) args = parseBlockArgs(p);
      expectPunct(p, ':', 'after a block label');
      if (first) {
        if (entryArgs && entryArgs.length > 0 && args.length > 0) fail(p, 'entry block arguments were already given', t);
        // Nothing can branch to an entry block, so its label carries no meaning.
        label = null;
        if (entryArgs) args = args.length > 0 ? args : entryArgs;
      } else if (blocks.some((b) => b.label === label)) fail(p, `redefinition of block '^${label}'`, t);
    } else if (!first) {
      fail(p, `expected an operation or a block label, found ${describe(p.tok)}`);
    } else args = entryArgs ?? [];
    const ops: Operation[] = [];
    for (;;) {
      const t = p.tok;
      if (t.kind === 'caret' || isPunct(p, '}')) break;
      if (t.kind === 'eof') fail(p, "expected '}' to close a region");
      ops.push(parseOperation(p, ctx));
    }
    blocks.push({ label, args, ops });
    first = false;
  }
  next(p);
  return { blocks };
}

/** `(%a: i64, %b: f32 loc(...))` */
export function parseBlockArgs(p: P): Value[] {
  expectPunct(p, '(');
  const out: Value[] = [];
  if (eatPunct(p, ')')) return out;
  do {
    const t = expectKind(p, 'percent', 'a block argument');
    expectPunct(p, ':');
    out.push({ name: t.text, index: null, type: parseType(p) });
    skipLoc(p);
  } while (eatPunct(p, ','));
  expectPunct(p, ')');
  return out;
}


/** Exactly one operation (custom or generic form), e.g. to check a printer's output. */
export function parseOp(text: string, file = '<input>'): Operation {
  const p = makeParser(text, file);
  const op = parseOperation(p, topCtx());
  if (p.tok.kind !== 'eof') fail(p, `expected the end of the operation, found ${describe(p.tok)}`);
  return op;
}

/** One type written alone, e.g. `memref<?xi64>` (aliases are not available). */
export function parseTypeText(text: string, file = '<type>'): Type {
  const p = makeParser(text, file);
  const t = parseType(p);
  if (p.tok.kind !== 'eof') fail(p, `expected the end of the type, found ${describe(p.tok)}`);
  return t;
}

/** One attribute written alone, e.g. `dense<[1, 2]> : tensor<2xi32>`. */
export function parseAttrText(text: string, file = '<attribute>'): Attr {
  const p = makeParser(text, file);
  const a = parseAttr(p);
  if (p.tok.kind !== 'eof') fail(p, `expected the end of the attribute, found ${describe(p.tok)}`);
  return a;
}
