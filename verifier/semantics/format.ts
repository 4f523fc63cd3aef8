// Text of the runtime library's Format.* functions and the byte length of strings.

/** Format.float: the shortest text that reads back to the same value, spelled as
 *  JavaScript's String(x) spells a finite number ("5", "0.30000000000000004", "1e+21").
 *  -0 prints "-0" (String gives "0", which would read back as +0); infinities and NaN
 *  print as .NET does: "Infinity", "-Infinity", "NaN". A float32 prints its own shortest
 *  text ("0.1" for 0.1f, not the float64 digits of the same value). */
export function formatFloat(x: number, bits: 32 | 64 = 64): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  if (bits === 64) return String(x);
  for (let p = 1; p <= 9; p++) {
    const n = Number(x.toPrecision(p));
    if (Math.fround(n) === x) return String(n);
  }
  return String(x);
}

/** Format.char: the character as a string; a code point that is not a Unicode scalar
 *  prints as U+FFFD. */
export function formatChar(c: bigint): string {
  const n = Number(c);
  if (n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(n);
}

/** Strings are UTF-8: String.length / s.Length is the number of bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3; // a lone surrogate is written as U+FFFD (3 bytes)
  }
  return n;
}
