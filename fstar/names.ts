// F* identifiers for Clef names. F* term names start with a lowercase letter (an uppercase
// one is a constructor or a module), type names are lowercase too, and constructors are
// capitalised; a few dozen words are F* keywords. Every name the emitter writes goes
// through one `NameSpace`, so two Clef names never collide in the F* text and no Clef name
// shadows a name the emitted code relies on.
import { basename, extname } from 'node:path';

/** F* keywords and names of the stable core that emitted code uses unqualified. */
const RESERVED = new Set([
  'abstract', 'and', 'assert', 'assume', 'attributes', 'begin', 'by', 'calc', 'class', 'decreases', 'default', 'effect',
  'eliminate', 'else', 'end', 'ensures', 'exception', 'exists', 'false', 'forall', 'friend', 'fun', 'function', 'if', 'in',
  'include', 'inline', 'inline_for_extraction', 'instance', 'introduce', 'irreducible', 'let', 'logic', 'match', 'module',
  'new', 'new_effect', 'layered_effect', 'polymonadic_bind', 'polymonadic_subcomp', 'noextract', 'noeq', 'of', 'open',
  'opaque', 'private', 'range_of', 'rec', 'reifiable', 'reify', 'reflectable', 'requires', 'returns', 'set_range_of',
  'sub_effect', 'synth', 'then', 'total', 'true', 'try', 'type', 'unfold', 'unfoldable', 'unopteq', 'val', 'when', 'with',
  'kind', 'mutable', 'lemma', 'prop', 'squash', 'unit', 'bool', 'int', 'nat', 'pos', 'string', 'option', 'list', 'not',
  'fst', 'snd', 'pow2', 'abs', 'min', 'max', 'op', 'admit', 'magic', 'normalize', 'normalize_term', 'reveal', 'hide',
]);

const IDENT = /^[A-Za-z_][A-Za-z0-9_']*$/;

export function isReserved(name: string): boolean {
  return RESERVED.has(name);
}

/** `binary_search.clef` -> `BinarySearch`; F* module names are capitalised dotted words. */
export function moduleNameFor(file: string): string {
  const stem = basename(file, extname(file));
  const words = stem.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  if (joined === '') return 'Program';
  return /^[0-9]/.test(joined) ? `P${joined}` : joined;
}

/** A Clef name as an F*-shaped word: invalid characters become `_`, the first letter is
 *  forced to the case F* needs. */
function shape(name: string, upper: boolean): string {
  let s = name.replace(/[^A-Za-z0-9_']/g, '_');
  if (s === '' || !/^[A-Za-z]/.test(s)) s = (upper ? 'C' : 'x') + s;
  s = upper ? s[0]!.toUpperCase() + s.slice(1) : s[0]!.toLowerCase() + s.slice(1);
  return s;
}

/** A set of names in use; `claim` returns a fresh F* name based on `base`. */
export type NameSpace = { used: Set<string> };

export function nameSpace(taken: Iterable<string> = []): NameSpace {
  return { used: new Set([...RESERVED, ...taken]) };
}

export function childSpace(parent: NameSpace): NameSpace {
  return { used: new Set(parent.used) };
}

export function claim(ns: NameSpace, base: string, upper = false): string {
  const s = shape(base, upper);
  let name = s;
  for (let i = 1; ns.used.has(name) || !IDENT.test(name); i++) name = `${s}_${i}`;
  ns.used.add(name);
  return name;
}

/** A temporary: `t1`, `t2`, ... skipping names in use. */
export function fresh(ns: NameSpace, prefix: string, counter: { n: number }): string {
  for (;;) {
    const name = `${prefix}${++counter.n}`;
    if (!ns.used.has(name)) {
      ns.used.add(name);
      return name;
    }
  }
}

/** An obligation id as it appears inside an F* comment (never closes the comment). */
export function commentSafe(s: string): string {
  return s.replace(/\*\)/g, '* )').replace(/\(\*/g, '( *');
}
