// `emitFstar`: a Core program as one F* module, with the table that maps every obligation
// id of the program to the F* definition and line where it is checked.
//
// Layout of the module: header and module abbreviations; the runtime interface the program
// needs (prelude.ts); its record and union types; its static storage; its functions,
// callees first (F* needs definitions before uses), mutually recursive ones in one
// `let rec ... and ...`.
import type { CoreProgram, Obligation } from '../compiler/core/core.ts';
import { programObligations } from '../compiler/core/walk.ts';
import type { Type } from '../compiler/types/types.ts';
import { analyse } from './analysis.ts';
import { noteType } from './body.ts';
import type { ProgCx } from './context.ts';
import { emitFunction } from './function.ts';
import { append, emit, newOut, render, type Line, type ObForm, type TableEntry } from './lines.ts';
import { claim, commentSafe, moduleNameFor, nameSpace } from './names.ts';
import { constText } from './ops.ts';
import { preludeLines } from './prelude.ts';
import { tagFunctionDecl } from './spec.ts';
import { fstarType, nameTypes, paren, typeDecls } from './types.ts';

export type FstarOptions = {
  /** The module's last name component (`Clef.<Name>`); default from the file name. */
  moduleName?: string;
};

export type FstarTableEntry = { id: string; fstarName: string; line: number; form?: ObForm };

export type FstarModule = {
  text: string;
  /** `Clef.<Name>`; the file must be called `<module>.fst` for F* to accept it. */
  module: string;
  table: FstarTableEntry[];
};

/** Names of the prelude and of F*'s library that a Clef name must never take. */
const PRELUDE_NAMES = [
  'clef_pow2_facts', 'span', 'empty_span', 'span_length', 'span_get', 'span_set', 'span_slice', 'span_of_ptr', 'ptr_get',
  'ptr_set', 'ptr_add', 'console_write', 'console_writeln', 'console_readln', 'format_int', 'format_uint64', 'format_bool',
  'format_char', 'format_float', 'string_length', 'clef_div', 'clef_rem', 'clef_result', 'Ok', 'Error', 'arena', 'arena_null',
  'arena_live', 'arena_cap', 'arena_used', 'arena_footprint', 'arena_owns', 'arena_frame', 'align_up', 'arena_create',
  'arena_alloc', 'arena_remaining', 'arena_reset', 'region', 'region_null', 'region_live', 'region_footprint', 'region_owns',
  'region_frame', 'region_create', 'region_alloc', 'region_release', 'region_copy_out', 'clef_unmodelled', 'float64',
  'float32', 'f64_of_bits', 'f32_of_bits', 'f64_of_int', 'f32_of_int', 'f64_to_f32', 'f32_to_f64', 'f64_is_nan',
  'f32_is_nan', 'f64_trunc', 'f32_trunc', 'false_elim', 'b2t', 'option', 'None', 'Some', 'tuple2', 'ptr', 'len',
  ...['add', 'sub', 'mul', 'div', 'rem', 'neg', 'eq', 'lt', 'le', 'gt', 'ge', 'to_i8', 'to_i16', 'to_i32', 'to_i64', 'to_u8', 'to_u16', 'to_u32', 'to_u64'].flatMap(
    (op) => [`f64_${op}`, `f32_${op}`],
  ),
  ...['add', 'sub', 'mul', 'neg'].flatMap((op) => ['i8', 'i16', 'i32', 'i64'].map((t) => `${op}_wrap_${t}`)),
];

const HEADER_MODULES = [
  'open FStar.Mul',
  '',
  'module HS = FStar.HyperStack',
  'module HST = FStar.HyperStack.ST',
  'module B = LowStar.Buffer',
  'module Seq = FStar.Seq',
  'module Cast = FStar.Int.Cast',
  'module I8 = FStar.Int8',
  'module I16 = FStar.Int16',
  'module I32 = FStar.Int32',
  'module I64 = FStar.Int64',
  'module U8 = FStar.UInt8',
  'module U16 = FStar.UInt16',
  'module U32 = FStar.UInt32',
  'module U64 = FStar.UInt64',
];

export function emitFstar(core: CoreProgram, opts: FstarOptions = {}): FstarModule {
  const name = opts.moduleName ?? moduleNameFor(core.file);
  const moduleName = `Clef.${name}`;
  const top = nameSpace(PRELUDE_NAMES);
  const tn = nameTypes(core.types, top);
  for (const u of tn.unions.values()) top.used.add(`${u.fstar}_tag`);
  const cx: ProgCx = {
    core,
    moduleName: name,
    tn,
    analysis: analyse(core),
    top,
    fnNames: new Map(),
    statics: new Map(),
    pieces: new Set(['pow2']),
    floats: new Map(),
    tagFns: new Map(),
    typeUses: new Set(),
  };
  for (const st of core.statics) {
    const span = claim(top, st.name);
    const buf = claim(top, `${span}_buf`);
    cx.statics.set(st.name, { buf, span, len: st.values.length, elem: st.elem });
  }
  for (const f of core.functions) cx.fnNames.set(f.name, claim(top, f.name));

  // Functions first (they tell what the prelude and the type section must hold).
  const fnLines: Line[] = [];
  for (const comp of cx.analysis.graph.sccs) {
    const rec = comp.some((f) => cx.analysis.facts.get(f)!.recursive);
    comp.forEach((fname, i) => {
      const fn = cx.analysis.graph.fns.get(fname)!;
      const out = emitFunction(cx, fn, !rec ? 'let' : i === 0 ? 'let rec' : 'and');
      fnLines.push(...out.lines);
      fnLines.push({ text: '', marks: [] });
    });
  }

  const staticLines: string[] = [];
  for (const st of core.statics) {
    const info = cx.statics.get(st.name)!;
    noteType(cx, { kind: 'span', elem: st.elem });
    const elem = fstarType(tn, st.elem);
    const shown = st.values.slice(0, 8).map((v) => constText(cx, st.elem, v)).join('; ');
    staticLines.push(
      `(* static ${commentSafe(st.name)}: ${st.values.length} elements, initially [${commentSafe(shown)}${st.values.length > 8 ? '; ...' : ''}] *)`,
      `assume val ${info.buf}: b:B.buffer ${paren(elem)}{B.length b == ${st.values.length} /\\ B.recallable b}`,
      `let ${info.span} : span ${paren(elem)} = { len = ${st.values.length}ul; ptr = ${info.buf} }`,
      '',
    );
  }

  const types = typeDecls(tn, cx.typeUses);
  const tags = [...cx.tagFns.values()].flatMap((t: Type) => [...tagFunctionDecl(cx, t), '']);
  const dedupTags = dedupeBlocks(tags);
  const floatTypes = new Set<string>();
  for (const d of cx.floats.values()) for (const t of ['float32', 'float64']) if (d.sig.includes(t)) floatTypes.add(t);

  const out = newOut();
  const lines = (ls: string[]) => ls.forEach((l) => emit(out, l));
  lines([
    `module ${moduleName}`,
    '',
    `(* Emitted by the Fidelity Workbench from ${commentSafe(core.file)}. Do not edit.`,
    '   One F* function per Clef function. Every verification obligation of the program is one',
    '   named assertion `(* obligation <id> *)`, in source order (or a well-formedness condition of',
    '   a requires/ensures clause, marked on its line). Contracts are over mathematical integers',
    '   (`I64.v x`). The `assume` declarations below are the runtime interface: the trusted base. *)',
    '',
    ...HEADER_MODULES,
    '',
  ]);
  const prelude = preludeLines(cx.pieces, cx.floats, floatTypes);
  if (prelude.length) lines(['(* ---- Runtime interface ---- *)', '', ...prelude]);
  if (types.length || dedupTags.length) lines(['(* ---- Types ---- *)', '', ...types, ...dedupTags]);
  if (staticLines.length) lines(['(* ---- Static storage ---- *)', '', ...staticLines]);
  lines(['(* ---- Functions ---- *)', '']);
  append(out, fnLines);

  // Completeness: every obligation of the program has a line. An id the emitter did not
  // place (a bug) is listed at the end, marked as not modelled rather than dropped.
  const placed = new Set(out.lines.flatMap((l) => l.marks.map((m) => m.id)));
  const missing: Obligation[] = programObligations(core).filter((o) => !placed.has(o.id));
  if (missing.length) {
    emit(out, '(* Obligations without an F* counterpart in this module: *)');
    for (const ob of missing)
      emit(out, `(* obligation ${commentSafe(ob.id)} *)`, [{ id: ob.id, fstarName: `Clef.${name}.${cx.fnNames.get(ob.fn) ?? ob.fn}`, form: 'unmodelled' }]);
  }
  const { text, table } = render(out.lines);
  return { text, module: moduleName, table: orderTable(table, core) };
}

/** The table in the program's obligation order (evaluation order), one row per id. */
function orderTable(table: TableEntry[], core: CoreProgram): FstarTableEntry[] {
  const byId = new Map<string, TableEntry>();
  for (const t of table) if (!byId.has(t.id)) byId.set(t.id, t);
  const out: FstarTableEntry[] = [];
  for (const ob of programObligations(core)) {
    const t = byId.get(ob.id);
    if (t) {
      out.push({ id: t.id, fstarName: t.fstarName, line: t.line, form: t.form });
      byId.delete(ob.id);
    }
  }
  return out;
}

function dedupeBlocks(lines: string[]): string[] {
  const blocks: string[][] = [];
  let cur: string[] = [];
  for (const l of lines) {
    if (l === '') {
      if (cur.length) blocks.push(cur);
      cur = [];
    } else cur.push(l);
  }
  if (cur.length) blocks.push(cur);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const b of blocks) {
    const key = b[0]!;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(...b, '');
  }
  return out;
}
