// The Clef abstract syntax tree: plain data, a `kind` tag on every node, a source span on
// every node. The parser builds it; the type checker fills in the optional `ty`/`res`
// annotations in place; the elaborator reads both to build Core.
import type { Type } from '../types/types.ts';

/** A source range. `start`/`end` are UTF-16 offsets into the original file text;
 *  `line`/`col` (1-based) locate `start`. */
export type Span = { file: string; start: number; end: number; line: number; col: number };

export type Program = {
  kind: 'Program';
  span: Span;
  module: string | null;
  opens: string[];
  decls: Decl[];
};

export type Decl = LetDecl | TypeDecl;

/** `let` / `let rec f ... and g ...` at top level. */
export type LetDecl = { kind: 'LetDecl'; span: Span; rec: boolean; bindings: Binding[] };

/** `[<Name(args)>]`. For Requires/Ensures, `contract` is the string parsed as an expression. */
export type Attribute = {
  kind: 'Attribute';
  span: Span;
  name: string; // 'Requires' | 'Ensures' | 'EntryPoint' | 'Struct' | other (kept, checked later)
  args: Literal[];
  contract: Expr | null;
};

/** One binding: a function (`params` non-null) or a value (`params` null, `pat` any pattern). */
export type Binding = {
  kind: 'Binding';
  span: Span;
  attrs: Attribute[];
  mutable: boolean;
  pat: Pattern; // for a function: a PVar naming it
  params: Param[] | null;
  retType: TypeExpr | null;
  body: Expr;
};

/** `(a: int)`, `x`, `()`, `_`. */
export type Param = { kind: 'Param'; span: Span; pat: Pattern; type: TypeExpr | null; ty?: Type };

export type TypeDecl = {
  kind: 'TypeDecl';
  span: Span;
  attrs: Attribute[];
  name: string;
  body: RecordTypeBody | UnionTypeBody | AliasTypeBody;
};
export type RecordTypeBody = { kind: 'RecordType'; span: Span; fields: { name: string; type: TypeExpr; span: Span }[] };
export type UnionTypeBody = { kind: 'UnionType'; span: Span; cases: UnionCaseDecl[] };
/** `C of x:int * y:int` or `B of int`: a field's `name` is null when positional. */
export type UnionCaseDecl = { name: string; span: Span; fields: { name: string | null; type: TypeExpr; span: Span }[] };
export type AliasTypeBody = { kind: 'AliasType'; span: Span; type: TypeExpr };

/** Type syntax: `int`, `nativeptr<int>`, `int option`, `Result<int, string>`, `int * bool`, `unit`. */
export type TypeExpr =
  | { kind: 'TName'; span: Span; name: string; args: TypeExpr[] } // postfix `int option` is TName('option',[int])
  | { kind: 'TTuple'; span: Span; items: TypeExpr[] }
  | { kind: 'TFun'; span: Span; from: TypeExpr; to: TypeExpr }; // only to report "not supported yet"

export type Literal =
  | { kind: 'LInt'; span: Span; value: bigint; suffix: IntSuffix } // '' = int
  | { kind: 'LFloat'; span: Span; value: number; single: boolean } // 2.5f -> single
  | { kind: 'LBool'; span: Span; value: boolean }
  | { kind: 'LChar'; span: Span; value: number } // code point
  | { kind: 'LString'; span: Span; value: string }
  | { kind: 'LUnit'; span: Span };

/** Literal suffixes as in F#: y=int8 uy=uint8 s=int16 us=uint16 l=int32 u=uint32 L=int64 UL=uint64 n=nativeint un=unativeint. */
export type IntSuffix = '' | 'y' | 'uy' | 's' | 'us' | 'l' | 'u' | 'L' | 'UL' | 'n' | 'un';

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%'
  | '=' | '<>' | '<' | '<=' | '>' | '>='
  | '&&' | '||'
  | '&&&' | '|||' | '^^^' | '<<<' | '>>>'
  | '|>';
export type UnaryOp = '-' | 'not' | '~~~';

/** Filled in by the type checker on every expression. */
type Typed = { ty?: Type };

export type Expr =
  | ({ kind: 'Lit'; span: Span; lit: Literal } & Typed)
  /** A plain name `x`, `Some`, or a built-in member `Console.writeln` / `NativePtr.get`
   *  (module-qualified built-ins arrive as one name with the dot). `typeArgs` from `f<int>`. */
  | ({ kind: 'Name'; span: Span; name: string; typeArgs: TypeExpr[]; res?: Resolution } & Typed)
  /** Curried application `f a b`, flattened: args in order. */
  | ({ kind: 'App'; span: Span; fn: Expr; args: Expr[] } & Typed)
  | ({ kind: 'Binary'; span: Span; op: BinaryOp; left: Expr; right: Expr } & Typed)
  | ({ kind: 'Unary'; span: Span; op: UnaryOp; operand: Expr } & Typed)
  | ({ kind: 'If'; span: Span; cond: Expr; then: Expr; else: Expr | null } & Typed) // elif nests
  | ({ kind: 'Match'; span: Span; scrutinee: Expr; cases: MatchCase[] } & Typed)
  | ({ kind: 'While'; span: Span; cond: Expr; body: Expr } & Typed)
  /** `for i in a .. b`, `for i = a to b` (down=false), `for i = a downto b` (down=true). */
  | ({ kind: 'For'; span: Span; var: string; varSpan: Span; from: Expr; to: Expr; down: boolean; body: Expr; uid?: string } & Typed)
  /** `let ... ` inside a block; `body` is the rest of the block (unit Lit if nothing follows). */
  | ({ kind: 'Let'; span: Span; rec: boolean; bindings: Binding[]; body: Expr } & Typed)
  /** `use r = Region.create ()` scoped to `body`. */
  | ({ kind: 'Use'; span: Span; name: string; nameSpan: Span; value: Expr; body: Expr; uid?: string } & Typed)
  | ({ kind: 'Seq'; span: Span; exprs: Expr[] } & Typed) // value of the last
  /** `x <- e` (target Name), `s.[i] <- e` (target Index), `r.F <- e` is not in v1. */
  | ({ kind: 'Assign'; span: Span; target: Expr; value: Expr } & Typed)
  | ({ kind: 'Tuple'; span: Span; items: Expr[] } & Typed)
  | ({ kind: 'Record'; span: Span; base: Expr | null; fields: FieldInit[]; recordName?: string } & Typed)
  /** `e.Name`: a record field, `.Length`, or a qualified union case `Shape.Circle`. */
  | ({ kind: 'Field'; span: Span; target: Expr; name: string; nameSpan: Span; res?: FieldResolution } & Typed)
  | ({ kind: 'Index'; span: Span; target: Expr; index: Expr } & Typed) // `s.[i]`
  | ({ kind: 'ArrayLit'; span: Span; items: Expr[] } & Typed) // `[| 1; 2 |]`
  | ({ kind: 'Interp'; span: Span; parts: (string | Expr)[] } & Typed) // `$"a{e}b"`
  | ({ kind: 'Quant'; span: Span; q: 'forall' | 'exists'; var: string; from: Expr; to: Expr; body: Expr; uid?: string } & Typed)
  /** Type annotation `(e : T)`. */
  | ({ kind: 'Annot'; span: Span; expr: Expr; type: TypeExpr } & Typed);

export type FieldInit = { name: string; span: Span; value: Expr };

export type MatchCase = { span: Span; pat: Pattern; guard: Expr | null; body: Expr };

export type Pattern =
  | { kind: 'PWild'; span: Span; ty?: Type }
  | { kind: 'PVar'; span: Span; name: string; ty?: Type; uid?: string }
  | { kind: 'PLit'; span: Span; lit: Literal; ty?: Type } // negative numbers: value already negated
  | { kind: 'PTuple'; span: Span; items: Pattern[]; ty?: Type }
  /** `Some x`, `B n`, `C (x, y)`, `None`, `Shape.Circle r`; args empty when no payload. */
  | { kind: 'PCase'; span: Span; name: string; args: Pattern[]; ty?: Type; res?: CaseRef }
  | { kind: 'PRecord'; span: Span; fields: { name: string; span: Span; pat: Pattern }[]; ty?: Type }
  | { kind: 'POr'; span: Span; alts: Pattern[]; ty?: Type }
  | { kind: 'PAs'; span: Span; pat: Pattern; name: string; ty?: Type; uid?: string }
  | { kind: 'PAnnot'; span: Span; pat: Pattern; type: TypeExpr; ty?: Type };

/** What a Name refers to, set by the type checker. Local names are made unique per
 *  function by `uid` (shadowing is explicit). The binding sites carry the same `uid`
 *  (added by the type checker): `PVar.uid`, `PAs.uid`, `For.uid`, `Use.uid`, `Quant.uid`. */
export type Resolution =
  | { kind: 'local'; uid: string; mutable: boolean }
  | { kind: 'global'; name: string } // top-level function or value
  | { kind: 'case'; ref: CaseRef } // union case constructor
  | { kind: 'builtin'; name: string }; // 'Console.writeln', 'int' (conversion), 'ignore', 'not'...

/** A union case: the union's type name ('option', 'voption', 'Result' for the built-ins) and tag. */
export type CaseRef = { union: string; caseName: string; tag: number };

export type FieldResolution =
  | { kind: 'field'; record: string; index: number }
  | { kind: 'length' } // span/string `.Length`
  | { kind: 'case'; ref: CaseRef };
