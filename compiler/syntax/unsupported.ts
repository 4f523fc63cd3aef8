// F# constructs outside Clef v1 (CLEF.md "Not in v1"), found on the token stream so the
// error names the construct at the place it is written, whatever the grammar would make
// of the surrounding text.
import type { Token } from './lexer.ts';

export type Unsupported = { token: Token; end: number; message: string };

const KEYWORD_MESSAGES: Record<string, string> = {
  fun: '`fun` lambdas are not supported yet (closures as first-class values are not in Clef v1)',
  function: '`function` (pattern-matching lambdas) is not supported yet',
  try: 'exception handling (`try`/`with`) is not supported yet',
  finally: 'exception handling (`try`/`finally`) is not supported yet',
  lazy: '`lazy` values are not supported yet',
  member: 'classes and interfaces (`member`) are not supported yet',
  new: 'classes and interfaces (`new`) are not supported yet',
  class: 'classes and interfaces (`class`) are not supported yet',
  interface: 'classes and interfaces (`interface`) are not supported yet',
  inherit: 'classes and interfaces (`inherit`) are not supported yet',
  abstract: 'classes and interfaces (`abstract`) are not supported yet',
  override: 'classes and interfaces (`override`) are not supported yet',
  default: 'classes and interfaces (`default`) are not supported yet',
  base: 'classes and interfaces (`base`) are not supported yet',
  val: 'classes and interfaces (`val`) are not supported yet',
  static: 'classes and interfaces (`static`) are not supported yet',
  exception: 'exceptions (`exception` declarations) are not supported yet',
  yield: 'computation expressions (`yield`) are not supported yet',
  return: 'computation expressions (`return`) are not supported yet; a function returns its last expression',
  null: '`null` is not supported (Clef has no null); use an option',
  namespace: 'namespaces are not supported yet; use `module A.B`',
  inline: '`inline` is not supported yet',
  private: 'access modifiers (`private`) are not supported yet',
  public: 'access modifiers (`public`) are not supported yet',
  internal: 'access modifiers (`internal`) are not supported yet',
  extern: '`extern` declarations are not supported yet',
  struct: 'the `struct` keyword is not supported yet; use the [<Struct>] attribute',
  assert: '`assert` is not supported yet; use Contract.assert',
  upcast: 'casts (`upcast`) are not supported yet',
  downcast: 'casts (`downcast`) are not supported yet',
  delegate: 'delegates are not supported yet',
  done: '`done` is not supported yet (blocks are indentation-based)',
  begin: '`begin`/`end` blocks are not supported yet; use indentation or parentheses',
  end: '`begin`/`end` blocks are not supported yet; use indentation or parentheses',
  sig: '`sig` is not supported yet',
  global: '`global` is not supported yet',
  select: '`select` is not supported yet',
  fixed: '`fixed` is not supported yet',
  const: '`const` is not supported yet',
  mod: 'the operator `mod` is not supported yet; use `%`',
  land: 'the operator `land` is not supported yet; use `&&&`',
  lor: 'the operator `lor` is not supported yet; use `|||`',
  lxor: 'the operator `lxor` is not supported yet; use `^^^`',
  lsl: 'the operator `lsl` is not supported yet; use `<<<`',
  lsr: 'the operator `lsr` is not supported yet; use `>>>`',
  asr: 'the operator `asr` is not supported yet; use `>>>`',
};

const OPERATOR_MESSAGES: Record<string, string> = {
  ':?': 'type tests (`:?`) are not supported yet',
  ':?>': 'casts (`:?>`) are not supported yet',
  ':>': 'casts (`:>`) are not supported yet',
  '::': 'lists (`::`) are not supported yet; use an array or a span',
  '>>': 'function composition (`>>`) is not supported yet',
  '<<': 'function composition (`<<`) is not supported yet',
  '<|': 'the backward pipe `<|` is not supported yet',
  '**': 'the power operator `**` is not supported yet',
  ':=': 'reference cells (`:=`) are not supported yet; use `let mutable`',
  '!': 'reference cells (`!`) are not supported yet; use `let mutable`',
};

const NAME_MESSAGES: Record<string, string> = {
  failwith: 'exceptions (`failwith`) are not supported yet',
  failwithf: 'exceptions (`failwithf`) are not supported yet',
  raise: 'exceptions (`raise`) are not supported yet',
  reraise: 'exceptions (`reraise`) are not supported yet',
  invalidArg: 'exceptions (`invalidArg`) are not supported yet',
  invalidOp: 'exceptions (`invalidOp`) are not supported yet',
  MailboxProcessor: '`MailboxProcessor` and actors are not supported yet',
};

const COMPUTATION_BUILDERS = new Set(['seq', 'async', 'task', 'query']);

/** The first construct outside Clef v1, or null. */
export function findUnsupported(tokens: Token[]): Unsupported | null {
  let angles = 0; // open type-argument brackets, so that `Span<Span<int>>` is not a `>>`
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'op') {
      const prev = tokens[k - 1];
      if (t.text === '<' && prev !== undefined && prev.kind === 'ident' && prev.end === t.start) angles++;
      else if (angles > 0 && (t.text === '>' || t.text === '>>' || t.text === '>>>') && t.text.length <= angles) {
        angles -= t.text.length;
        continue;
      }
    }
    const next = tokens[k + 1];
    const at = (message: string, end = t.end): Unsupported => ({ token: t, end, message });
    const afterDot = k > 0 && tokens[k - 1]!.kind === 'op' && tokens[k - 1]!.text === '.';
    switch (t.kind) {
      case 'keyword': {
        if (afterDot) break; // a member name such as `Contract.assert`
        const m = KEYWORD_MESSAGES[t.text];
        if (m !== undefined) return at(m);
        if (t.text === 'module') {
          let j = k + 1;
          while (tokens[j]?.kind === 'ident' && tokens[j + 1]?.text === '.') j += 2;
          if (tokens[j]?.kind === 'ident' && tokens[j + 1]?.kind === 'op' && tokens[j + 1]?.text === '=') {
            return at('nested modules (`module X =`) are not supported yet');
          }
        }
        if (t.text === 'type' && next?.kind === 'ident' && tokens[k + 2]?.text === '(' && tokens[k + 2]?.kind === 'op') {
          return at('classes (`type C(...) =`) are not supported yet');
        }
        break;
      }
      case 'typevar': {
        // `f<'T>`: the construct is the type parameter list.
        const prev = tokens[k - 1];
        const list = prev !== undefined && prev.kind === 'op' && prev.text === '<' ? prev : t;
        return { token: list, end: t.end, message: `generic type parameters (${t.text}) are not supported yet` };
      }
      case 'op': {
        const m = OPERATOR_MESSAGES[t.text];
        if (m !== undefined) return at(m);
        if (t.text === '[<' && next?.kind === 'ident') {
          if (next.text === 'Measure') return at('units of measure ([<Measure>]) are not supported yet', next.end);
          if (/^bare/i.test(next.text)) return at(`BARE schemas ([<${next.text}>]) are not supported yet`, next.end);
        }
        break;
      }
      case 'ident': {
        const m = NAME_MESSAGES[t.text];
        if (m !== undefined) return at(m);
        if (COMPUTATION_BUILDERS.has(t.text) && next?.kind === 'op' && next.text === '{') {
          return at(`\`${t.text} { }\` computation expressions are not supported yet`, next.end);
        }
        break;
      }
      case 'int':
      case 'float':
      case 'char':
      case 'string':
      case 'interp':
        break;
      default: {
        const _never: never = t.kind;
        void _never;
      }
    }
  }
  return null;
}
