// SMT terms as plain, hash-consed data: the only language between the semantics (which
// builds terms) and the solver back ends (which check them). Operator names are SMT-LIB 2's
// own, so printing a query is mechanical and any stock solver can re-run it. This layer
// knows nothing of Clef or MLIR.

export type Sort =
  | { kind: 'bool' }
  | { kind: 'bv'; width: number }
  | { kind: 'int' }
  | { kind: 'array'; index: Sort; elem: Sort }
  // SMT-LIB FloatingPoint theory: (_ FloatingPoint eb sb) and RoundingMode. The semantics keeps
  // floats as bit patterns between ops; fp terms only live inside one op's encoding.
  | { kind: 'fp'; eb: number; sb: number }
  | { kind: 'rm' };

/**
 * A term. `id` is unique per structurally distinct term (hash-consing), so shared subterms
 * are shared objects and printers can name them once. Build terms only through a TermFactory.
 * - `var`: a free constant (an input, an unknown, an uninterpreted result)
 * - `bv`: a bit-vector literal (value in [0, 2^width))
 * - `int`: a mathematical integer literal
 * - `bool`: true/false
 * - `app`: an SMT-LIB operator applied to args; `indices` for indexed operators
 *   (`(_ extract hi lo)`, `(_ zero_extend k)`, `(_ sign_extend k)`, `(_ repeat k)`,
 *   `(_ rotate_left k)`), e.g. { op: 'extract', indices: [7, 0] }
 * - `forall`/`exists`: bounded quantifiers over `vars` (which are `var` terms)
 * - `constArray`: ((as const (Array I E)) v)
 * - `lambda`: (lambda ((v I)) body), an array I -> sort(body). `vars` holds exactly one
 *   variable, made fresh for this lambda (TermFactory.lambda) and never substituted: every
 *   term that mentions it was made after it (ids grow), which substitution relies on.
 *   `select` of a lambda is beta-reduced by the factory, so most reads never see one.
 */
export type Term =
  | { id: number; kind: 'var'; name: string; sort: Sort }
  | { id: number; kind: 'bv'; value: bigint; width: number; sort: Sort }
  | { id: number; kind: 'int'; value: bigint; sort: Sort }
  | { id: number; kind: 'bool'; value: boolean; sort: Sort }
  | { id: number; kind: 'app'; op: string; indices: number[]; args: Term[]; sort: Sort }
  | { id: number; kind: 'quant'; q: 'forall' | 'exists'; vars: Term[]; body: Term; sort: Sort }
  | { id: number; kind: 'constArray'; value: Term; sort: Sort }
  | { id: number; kind: 'lambda'; vars: Term[]; body: Term; sort: Sort };

export const BOOL: Sort = { kind: 'bool' };
export const INT: Sort = { kind: 'int' };
export function bvSort(width: number): Sort {
  return { kind: 'bv', width };
}
export const RM: Sort = { kind: 'rm' };
export function fpSort(eb: number, sb: number): Sort {
  return { kind: 'fp', eb, sb };
}
export function arraySort(index: Sort, elem: Sort): Sort {
  return { kind: 'array', index, elem };
}

export function sortKey(s: Sort): string {
  switch (s.kind) {
    case 'bool':
      return 'Bool';
    case 'int':
      return 'Int';
    case 'bv':
      return `(_ BitVec ${s.width})`;
    case 'array':
      return `(Array ${sortKey(s.index)} ${sortKey(s.elem)})`;
    case 'fp':
      return `(_ FloatingPoint ${s.eb} ${s.sb})`;
    case 'rm':
      return 'RoundingMode';
  }
}

export function sameSort(a: Sort, b: Sort): boolean {
  return sortKey(a) === sortKey(b);
}
