// A construct the symbolic engine does not model: execution of the function stops and every
// obligation of it gets the verdict `unknown: unsupported: <what>` (never a guess).

export type Unsupported = { kind: 'Unsupported'; what: string };

export function unsupported(what: string): never {
  const u: Unsupported = { kind: 'Unsupported', what };
  throw u;
}

export function isUnsupported(x: unknown): x is Unsupported {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'Unsupported';
}
