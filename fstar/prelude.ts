// The runtime interface of an emitted module: what Clef's runtime library and memory model
// are, stated to F*. Definitions (`let`) are checked by F*; declarations (`assume val`,
// `assume new type`) are the trusted base — console and formatting, floats (F*'s stable
// library has no IEEE floats), static storage, arenas and regions — and every evidence
// export lists them. Only the pieces a program uses are emitted.
import type { IntTy } from './types.ts';
import { intLit, intModule } from './types.ts';

/** A piece of the prelude: its F* text and the pieces it needs first. */
type Piece = { needs: string[]; text: string[] };

const POW2 = [7, 8, 15, 16, 31, 32, 63, 64];

const FIXED: Record<string, Piece> = {
  pow2: {
    needs: [],
    text: [
      '(* The powers of two behind machine-integer ranges, for the SMT solver. *)',
      'let clef_pow2_facts () : Lemma',
      `  (${POW2.map((k) => `pow2 ${k} == ${1n << BigInt(k)}`).join(' /\\ ')})`,
      `  = assert_norm (${POW2.map((k) => `pow2 ${k} == ${1n << BigInt(k)}`).join(' /\\ ')})`,
    ],
  },
  span: {
    needs: [],
    text: [
      '(* Span<T>: a Low* buffer and its run-time length. *)',
      'noeq type span (a: Type0) = {',
      '  len: U32.t;',
      '  ptr: b:B.buffer a{B.length b == U32.v len}',
      '}',
      '',
      'let empty_span (#a: Type0) : span a = { len = 0ul; ptr = B.null #a }',
    ],
  },
  span_length: {
    needs: ['span'],
    text: [
      'let span_length (#a: Type0) (s: span a) : Tot (n: I64.t{I64.v n == U32.v s.len}) =',
      '  Cast.uint32_to_int64 s.len',
    ],
  },
  span_get: {
    needs: ['span'],
    text: [
      'let span_get (#a: Type0) (s: span a) (i: I64.t) : HST.Stack a',
      '  (requires (fun h -> B.live h s.ptr /\\ 0 <= I64.v i /\\ I64.v i < U32.v s.len))',
      '  (ensures (fun h0 x h1 -> h0 == h1 /\\ x == B.get h0 s.ptr (I64.v i)))',
      '  = B.index s.ptr (U32.uint_to_t (I64.v i))',
    ],
  },
  span_set: {
    needs: ['span'],
    text: [
      'let span_set (#a: Type0) (s: span a) (i: I64.t) (x: a) : HST.Stack unit',
      '  (requires (fun h -> B.live h s.ptr /\\ 0 <= I64.v i /\\ I64.v i < U32.v s.len))',
      '  (ensures (fun h0 _ h1 -> B.modifies (B.loc_buffer s.ptr) h0 h1 /\\ B.live h1 s.ptr /\\',
      '    B.as_seq h1 s.ptr == Seq.upd (B.as_seq h0 s.ptr) (I64.v i) x))',
      '  = B.upd s.ptr (U32.uint_to_t (I64.v i)) x',
    ],
  },
  span_slice: {
    needs: ['span'],
    text: [
      'let span_slice (#a: Type0) (s: span a) (start: I64.t) (n: I64.t) : HST.Stack (span a)',
      '  (requires (fun h -> B.live h s.ptr /\\ 0 <= I64.v start /\\ 0 <= I64.v n /\\',
      '    I64.v start + I64.v n <= U32.v s.len))',
      '  (ensures (fun h0 r h1 -> h0 == h1 /\\ B.live h1 r.ptr /\\ U32.v r.len == I64.v n /\\',
      '    r.ptr == B.gsub s.ptr (U32.uint_to_t (I64.v start)) (U32.uint_to_t (I64.v n))))',
      '  = let n32 = U32.uint_to_t (I64.v n) in',
      '    { len = n32; ptr = B.sub s.ptr (U32.uint_to_t (I64.v start)) (Ghost.hide n32) }',
    ],
  },
  span_of_ptr: {
    needs: ['span'],
    text: [
      'let span_of_ptr (#a: Type0) (p: B.buffer a) (n: I64.t) : HST.Stack (span a)',
      '  (requires (fun h -> B.live h p /\\ 0 <= I64.v n /\\ I64.v n <= B.length p))',
      '  (ensures (fun h0 r h1 -> h0 == h1 /\\ B.live h1 r.ptr /\\ U32.v r.len == I64.v n /\\',
      '    r.ptr == B.gsub p 0ul (U32.uint_to_t (I64.v n))))',
      '  = let n32 = U32.uint_to_t (I64.v n) in',
      '    { len = n32; ptr = B.sub p 0ul (Ghost.hide n32) }',
    ],
  },
  ptr_get: {
    needs: [],
    text: [
      'let ptr_get (#a: Type0) (p: B.buffer a) (i: I64.t) : HST.Stack a',
      '  (requires (fun h -> B.live h p /\\ 0 <= I64.v i /\\ I64.v i < B.length p))',
      '  (ensures (fun h0 x h1 -> h0 == h1 /\\ x == B.get h0 p (I64.v i)))',
      '  = B.index p (U32.uint_to_t (I64.v i))',
    ],
  },
  ptr_set: {
    needs: [],
    text: [
      'let ptr_set (#a: Type0) (p: B.buffer a) (i: I64.t) (x: a) : HST.Stack unit',
      '  (requires (fun h -> B.live h p /\\ 0 <= I64.v i /\\ I64.v i < B.length p))',
      '  (ensures (fun h0 _ h1 -> B.modifies (B.loc_buffer p) h0 h1 /\\ B.live h1 p /\\',
      '    B.as_seq h1 p == Seq.upd (B.as_seq h0 p) (I64.v i) x))',
      '  = B.upd p (U32.uint_to_t (I64.v i)) x',
    ],
  },
  ptr_add: {
    needs: [],
    text: [
      'let ptr_add (#a: Type0) (p: B.buffer a) (k: I64.t) : HST.Stack (B.buffer a)',
      '  (requires (fun h -> B.live h p /\\ 0 <= I64.v k /\\ I64.v k <= B.length p))',
      '  (ensures (fun h0 q h1 -> h0 == h1 /\\ B.live h1 q /\\ B.length q == B.length p - I64.v k))',
      '  = B.offset p (U32.uint_to_t (I64.v k))',
    ],
  },
  console: {
    needs: [],
    text: [
      '(* Console I/O leaves the memory unchanged. *)',
      'assume val console_write: s: string -> HST.Stack unit (requires (fun _ -> True)) (ensures (fun h0 _ h1 -> h0 == h1))',
      'assume val console_writeln: s: string -> HST.Stack unit (requires (fun _ -> True)) (ensures (fun h0 _ h1 -> h0 == h1))',
      'assume val console_readln: unit -> HST.Stack string (requires (fun _ -> True)) (ensures (fun h0 _ h1 -> h0 == h1))',
    ],
  },
  format: {
    needs: [],
    text: [
      '(* Formatting and string length (in UTF-8 bytes) are total functions. *)',
      'assume val format_int: I64.t -> Tot string',
      'assume val format_uint64: U64.t -> Tot string',
      'assume val format_bool: bool -> Tot string',
      'assume val format_char: U32.t -> Tot string',
      'assume val string_length: s: string -> Tot (n: I64.t{I64.v n >= 0})',
    ],
  },
  math: {
    needs: [],
    text: [
      '(* Contract arithmetic: `/` and `%` truncate toward zero, as in Clef. *)',
      'let clef_div (a: int) (b: int{b <> 0}) : Tot int =',
      '  if (a >= 0) = (b > 0) then abs a / abs b else - (abs a / abs b)',
      '',
      'let clef_rem (a: int) (b: int{b <> 0}) : Tot int = a - b * clef_div a b',
    ],
  },
  result: {
    needs: [],
    text: ['(* Result<T, E> *)', 'type clef_result (a: Type) (b: Type) =', '  | Ok : v: a -> clef_result a b', '  | Error : e: b -> clef_result a b'],
  },
  unmodelled: {
    needs: [],
    text: [
      '(* A value the F* model does not compute: its precondition is False, so F* reports the',
      '   place rather than proving anything past it. *)',
      'assume val clef_unmodelled: #a: Type -> what: string -> Pure a (requires False) (ensures (fun _ -> True))',
    ],
  },
  arena: {
    needs: ['span'],
    text: [
      '(* Arenas: a block of `arena_cap` bytes, bump-allocated; `Arena.reset` frees everything',
      '   allocated so far (those buffers are no longer live). Each allocation starts at the next',
      '   multiple of its element size. *)',
      'assume new type arena : Type0',
      'assume val arena_null: arena',
      'assume val arena_live: HS.mem -> arena -> GTot Type0',
      'assume val arena_cap: arena -> GTot nat',
      'assume val arena_used: HS.mem -> arena -> GTot nat',
      'assume val arena_footprint: arena -> GTot B.loc',
      'assume val arena_owns: #a: Type0 -> arena -> B.buffer a -> GTot Type0',
      '',
      'assume val arena_frame: ar: arena -> l: B.loc -> h0: HS.mem -> h1: HS.mem -> Lemma',
      '  (requires (arena_live h0 ar /\\ B.modifies l h0 h1 /\\ B.loc_disjoint l (arena_footprint ar)))',
      '  (ensures (arena_live h1 ar /\\ arena_used h1 ar == arena_used h0 ar))',
      '  [SMTPat (B.modifies l h0 h1); SMTPat (arena_live h1 ar)]',
      '',
      'let align_up (x: nat) (k: nat) : Tot nat = if k = 0 then x else ((x + k - 1) / k) * k',
      '',
      'assume val arena_create: cap: U64.t -> HST.ST arena',
      '  (requires (fun _ -> True))',
      '  (ensures (fun h0 ar h1 -> arena_live h1 ar /\\ arena_cap ar == U64.v cap /\\ arena_used h1 ar == 0 /\\',
      '    B.modifies B.loc_none h0 h1 /\\ B.fresh_loc (arena_footprint ar) h0 h1))',
      '',
      'assume val arena_alloc: #a: Type0 -> ar: arena -> zero: a -> esize: nat -> n: I64.t -> HST.ST (span a)',
      '  (requires (fun h -> arena_live h ar /\\ 0 <= I64.v n /\\ I64.v n < pow2 32 /\\',
      '    align_up (arena_used h ar) esize + esize * I64.v n <= arena_cap ar))',
      '  (ensures (fun h0 s h1 -> arena_live h1 ar /\\ B.live h1 s.ptr /\\ U32.v s.len == I64.v n /\\',
      '    arena_owns ar s.ptr /\\ arena_used h1 ar == align_up (arena_used h0 ar) esize + esize * I64.v n /\\',
      '    B.modifies (arena_footprint ar) h0 h1 /\\ B.fresh_loc (B.loc_buffer s.ptr) h0 h1 /\\',
      '    (forall (t: Type0) (b: B.buffer t). B.live h0 b ==> B.live h1 b)))',
      '',
      'assume val arena_remaining: ar: arena -> HST.ST I64.t',
      '  (requires (fun h -> arena_live h ar))',
      '  (ensures (fun h0 r h1 -> h0 == h1 /\\',
      '    ((arena_used h0 ar <= arena_cap ar /\\ arena_cap ar < pow2 63) ==> I64.v r == arena_cap ar - arena_used h0 ar)))',
      '',
      'assume val arena_reset: ar: arena -> HST.ST unit',
      '  (requires (fun h -> arena_live h ar))',
      '  (ensures (fun h0 _ h1 -> arena_live h1 ar /\\ arena_used h1 ar == 0 /\\ B.modifies (arena_footprint ar) h0 h1 /\\',
      '    (forall (t: Type0) (b: B.buffer t). (arena_owns ar b /\\ ~(B.g_is_null b)) ==> ~(B.live h1 b)) /\\',
      '    (forall (t: Type0) (b: B.buffer t). (B.live h0 b /\\ ~(arena_owns ar b)) ==> B.live h1 b)))',
    ],
  },
  region: {
    needs: ['span'],
    text: [
      '(* Regions: a scoped heap; `region_release` (inserted at every exit of a `use` scope) frees',
      '   every buffer of the region at once. *)',
      'assume new type region : Type0',
      'assume val region_null: region',
      'assume val region_live: HS.mem -> region -> GTot Type0',
      'assume val region_footprint: region -> GTot B.loc',
      'assume val region_owns: #a: Type0 -> region -> B.buffer a -> GTot Type0',
      '',
      'assume val region_frame: r: region -> l: B.loc -> h0: HS.mem -> h1: HS.mem -> Lemma',
      '  (requires (region_live h0 r /\\ B.modifies l h0 h1 /\\ B.loc_disjoint l (region_footprint r)))',
      '  (ensures (region_live h1 r))',
      '  [SMTPat (B.modifies l h0 h1); SMTPat (region_live h1 r)]',
      '',
      'assume val region_create: unit -> HST.ST region',
      '  (requires (fun _ -> True))',
      '  (ensures (fun h0 r h1 -> region_live h1 r /\\ B.modifies B.loc_none h0 h1 /\\ B.fresh_loc (region_footprint r) h0 h1))',
      '',
      'assume val region_alloc: #a: Type0 -> r: region -> zero: a -> n: I64.t -> HST.ST (span a)',
      '  (requires (fun h -> region_live h r /\\ 0 <= I64.v n /\\ I64.v n < pow2 32))',
      '  (ensures (fun h0 s h1 -> region_live h1 r /\\ B.live h1 s.ptr /\\ U32.v s.len == I64.v n /\\ region_owns r s.ptr /\\',
      '    B.modifies (region_footprint r) h0 h1 /\\ B.fresh_loc (B.loc_buffer s.ptr) h0 h1 /\\',
      '    (forall (t: Type0) (b: B.buffer t). B.live h0 b ==> B.live h1 b)))',
      '',
      'assume val region_release: r: region -> HST.ST unit',
      '  (requires (fun h -> region_live h r))',
      '  (ensures (fun h0 _ h1 -> ~(region_live h1 r) /\\ B.modifies (region_footprint r) h0 h1 /\\',
      '    (forall (t: Type0) (b: B.buffer t). (region_owns r b /\\ ~(B.g_is_null b)) ==> ~(B.live h1 b)) /\\',
      '    (forall (t: Type0) (b: B.buffer t). (B.live h0 b /\\ ~(region_owns r b)) ==> B.live h1 b)))',
    ],
  },
  copy_out: {
    needs: ['arena', 'region'],
    text: [
      '(* Region.copyOut: a copy of a span in an arena (the caller\'s). *)',
      'assume val region_copy_out: #a: Type0 -> ar: arena -> src: span a -> esize: nat -> HST.ST (span a)',
      '  (requires (fun h -> arena_live h ar /\\ B.live h src.ptr /\\',
      '    align_up (arena_used h ar) esize + esize * U32.v src.len <= arena_cap ar))',
      '  (ensures (fun h0 s h1 -> arena_live h1 ar /\\ B.live h1 s.ptr /\\ s.len == src.len /\\ arena_owns ar s.ptr /\\',
      '    B.as_seq h1 s.ptr == B.as_seq h0 src.ptr /\\',
      '    arena_used h1 ar == align_up (arena_used h0 ar) esize + esize * U32.v src.len /\\',
      '    B.modifies (arena_footprint ar) h0 h1 /\\ B.fresh_loc (B.loc_buffer s.ptr) h0 h1 /\\',
      '    (forall (r: region). ~(region_owns r s.ptr)) /\\',
      '    (forall (t: Type0) (b: B.buffer t). B.live h0 b ==> B.live h1 b)))',
    ],
  },
};

/** Wrapping arithmetic on a signed type: the exact result when it fits (so proofs about
 *  small values stay easy), else two's complement through the unsigned type. */
function wrapPiece(op: 'add' | 'sub' | 'mul' | 'neg', t: IntTy): Piece {
  const S = intModule(t);
  const U = intModule({ bits: t.bits, signed: false });
  const s = `int${t.bits}`;
  const u = `uint${t.bits}`;
  const name = `${op}_wrap_${S.toLowerCase()}`;
  const sizeOf = (x: string) => `FStar.Int.size (${x}) ${t.bits}`;
  const fits = (x: string) => `FStar.Int.fits (${x}) ${t.bits}`;
  if (op === 'neg') {
    const exact = `0 - ${S}.v a`;
    return {
      needs: [],
      text: [
        `let ${name} (a: ${S}.t) : Tot (r: ${S}.t{${sizeOf(exact)} ==> ${S}.v r == ${exact}}) =`,
        `  if ${fits(exact)} then ${S}.sub ${intLit(t, 0n)} a else a`,
      ],
    };
  }
  const sym = op === 'add' ? '+' : op === 'sub' ? '-' : '*';
  const exact = `${S}.v a ${sym} ${S}.v b`;
  return {
    needs: [],
    text: [
      `let ${name} (a b: ${S}.t) : Tot (r: ${S}.t{${sizeOf(exact)} ==> ${S}.v r == ${exact}}) =`,
      `  if ${fits(exact)} then ${S}.${op} a b`,
      `  else Cast.${u}_to_${s} (${U}.${op}_mod (Cast.${s}_to_${u} a) (Cast.${s}_to_${u} b))`,
    ],
  };
}

export type FloatDecl = { name: string; sig: string };

/** The prelude for a set of requested pieces, in a fixed order. Piece names: the keys of
 *  FIXED, `wrap:<op>:<I64>` and float declarations (given separately). */
export function preludeLines(pieces: Set<string>, floats: Map<string, FloatDecl>, floatTypes: Set<string>): string[] {
  const want = new Set<string>();
  const add = (name: string): void => {
    if (want.has(name)) return;
    const p = FIXED[name];
    if (p) p.needs.forEach(add);
    want.add(name);
  };
  for (const p of pieces) add(p);
  const out: string[] = [];
  const push = (text: string[]): void => {
    if (text.length) out.push(...text, '');
  };
  for (const name of Object.keys(FIXED)) if (want.has(name)) push(FIXED[name]!.text);
  const wraps = [...want].filter((p) => p.startsWith('wrap:')).sort();
  for (const w of wraps) {
    const [, op, mod] = w.split(':') as [string, 'add' | 'sub' | 'mul' | 'neg', string];
    const bits = Number(mod.slice(1)) as IntTy['bits'];
    push(wrapPiece(op, { bits, signed: mod.startsWith('I') }).text);
  }
  if (floats.size || floatTypes.size) {
    // Conversions to integers mention `f64_trunc`/`f64_is_nan`: declared after them.
    const rank = (d: FloatDecl) => (d.sig.includes('Pure') ? 1 : 0);
    const decls = [...floats.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
    const types = new Set(floatTypes);
    for (const d of decls) for (const t of ['float32', 'float64']) if (d.sig.includes(t)) types.add(t);
    push([
      '(* IEEE-754 floats are opaque here: their operations are assumed total functions; only',
      '   float -> int conversion has a precondition (the `overflow` obligation). *)',
      ...[...types].sort().map((t) => `assume new type ${t} : Type0`),
      ...decls.map((d) => `assume val ${d.name}: ${d.sig}`),
    ]);
  }
  return out;
}

/** The name of the wrapping helper for a signed op (the piece to request is `wrap:<op>:<I64>`). */
export function wrapName(op: 'add' | 'sub' | 'mul' | 'neg', t: IntTy): { fn: string; piece: string } {
  return { fn: `${op}_wrap_${intModule(t).toLowerCase()}`, piece: `wrap:${op}:${intModule(t)}` };
}
