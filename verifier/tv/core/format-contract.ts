// What the runtime's Format calls write, as far as their contract fixes it (calls engineer,
// session 8). runtime.ts took every formatted text as unknown bytes of any length up to the
// buffer — also the empty text, or 32 bytes for one character. A check then found models
// that no run has: base64_hex `hex` (class E of the README) came back with Format.char texts
// of 0 bytes and an argument block of 2^39 + 1 elements; its "mismatch" did not replay (both
// sides behave the same, or the block is past what the replay builds). The query was weaker
// than the semantics there — sound, but it hides real counterexamples behind false ones and
// leaves string lengths unknown where they are known (a hex digit is one byte).
// The contract (trusted like the rest of the runtime; runtime/clef_rt.c, the MLIR runtime
// model verifier/semantics/mlir/runtime.ts and Core's verifier/semantics/format.ts agree):
//   - clef_fmt_char(c) writes the UTF-8 bytes of c, U+FFFD for a code point that is not a
//     Unicode scalar (above 0x10FFFF or a surrogate), and returns their count (1-4; the
//     buffer has at least FORMAT_BUFFER bytes, checked at the call);
//   - clef_fmt_i64 / clef_fmt_u64 write 1-20 bytes (snprintf "%lld" / "%llu").
import type { TermFactory } from '../../smt/factory.ts';
import type { Term } from '../../smt/term.ts';

const lit32 = (F: TermFactory, v: number) => F.bv(v, 32);

/** The UTF-8 encoding of a 32-bit code point `c` as the runtime writes it: its length (64
 *  bits) and its four possible bytes (byte k meaningful when k < length). */
export function utf8Of(F: TermFactory, c: Term): { len: Term; bytes: Term[] } {
  const ult = (a: Term, v: number) => F.app('bvult', [a, lit32(F, v)]);
  const invalid = F.or(F.not(ult(c, 0x110000)), F.and(F.not(ult(c, 0xd800)), ult(c, 0xe000)));
  const u = F.ite(invalid, lit32(F, 0xfffd), c);
  const shr = (k: number) => (k === 0 ? u : F.app('bvlshr', [u, lit32(F, k)]));
  const low8 = (t: Term) => F.extract(7, 0, t);
  /** 0x80 | ((u >> k) & 0x3f), a continuation byte */
  const cont = (k: number) => low8(F.app('bvor', [lit32(F, 0x80), F.app('bvand', [shr(k), lit32(F, 0x3f)])]));
  const lead = (mark: number, k: number) => low8(F.app('bvor', [lit32(F, mark), shr(k)]));
  const one = ult(u, 0x80);
  const two = ult(u, 0x800);
  const three = ult(u, 0x10000);
  const len = F.ite(one, F.bv(1, 64), F.ite(two, F.bv(2, 64), F.ite(three, F.bv(3, 64), F.bv(4, 64))));
  const b0 = F.ite(one, low8(u), F.ite(two, lead(0xc0, 6), F.ite(three, lead(0xe0, 12), lead(0xf0, 18))));
  const b1 = F.ite(two, cont(0), F.ite(three, cont(6), cont(12)));
  const b2 = F.ite(three, cont(0), cont(6));
  const b3 = cont(0);
  return { len, bytes: [b0, b1, b2, b3] };
}

/** The assumptions of the contract for a Format event: `len` the count the runtime returned,
 *  `byteAt(i)` the i-th byte it wrote (of the string Core's placeholder stands for). */
export function formatContract(F: TermFactory, event: string, value: Term, len: Term, byteAt: (i: number) => Term): Term[] {
  switch (event) {
    case 'rt:fmt_char': {
      const c = value.sort.kind === 'bv' && value.sort.width === 32 ? value : F.extract(31, 0, value);
      const e = utf8Of(F, c);
      const out = [F.eq(len, e.len)];
      e.bytes.forEach((b, k) => out.push(k === 0 ? F.eq(byteAt(0), b) : F.implies(F.app('bvult', [F.bv(k, 64), e.len]), F.eq(byteAt(k), b))));
      return out;
    }
    case 'rt:fmt_i64':
    case 'rt:fmt_u64':
      return [F.app('bvule', [F.bv(1, 64), len]), F.app('bvule', [len, F.bv(20, 64)])];
    default:
      return [];
  }
}
