// The bridge to the refinement checker (verifier/tv): loads `validatePair` when it exists
// and reads its per-function verdicts as one of five words.
import type { Module } from '../../compiler/mlir/ir.ts';

/** `invariants: false` skips the inductive-invariant search (verifier/tv/verdict.ts). */
export type ValidateOptions = { unroll: number; timeoutMs: number; invariants?: boolean };

/** A refutation's replayed counterexample, as verifier/tv reports it. */
export type Counterexample = { inputs: { name: string; value: string }[]; memory: string[]; src: string; tgt: string; difference: string };

/** What the harness needs of a verdict: the function, the verdict text, and why. */
export type FunctionResult = { name: string; verdict: string; detail: string; timeMs: number | null; counterexample?: Counterexample };

export type Validator = (src: Module, tgt: Module, opts: ValidateOptions) => Promise<FunctionResult[]>;

export type VerdictKind = 'proved' | 'bounded' | 'refuted' | 'unknown' | 'unsupported';

/** `bounded(8)` -> bounded, `unknown: timeout` -> unknown; anything unrecognised is unknown. */
export function verdictKind(verdict: string): VerdictKind {
  const w = verdict.trim().toLowerCase();
  if (w === 'proved') return 'proved';
  if (w.startsWith('bounded')) return 'bounded';
  if (w === 'refuted' || w.startsWith('refuted')) return 'refuted';
  if (w.startsWith('unsupported')) return 'unsupported';
  return 'unknown';
}

const str = (x: unknown): string => (typeof x === 'string' ? x : x === undefined || x === null ? '' : JSON.stringify(x));

/** Reads one record of validatePair's answer, whatever its exact field names. */
export function normaliseVerdict(r: Record<string, unknown>): FunctionResult {
  const name = str(r.name ?? r.function ?? r.fn);
  let verdict = r.verdict;
  if (verdict && typeof verdict === 'object') {
    const v = verdict as Record<string, unknown>;
    verdict = v.kind === 'bounded' && v.k !== undefined ? `bounded(${str(v.k)})` : str(v.kind ?? v.verdict);
  }
  const t = r.time_ms ?? r.timeMs ?? r.ms;
  const out: FunctionResult = { name: name.replace(/^@/, ''), verdict: str(verdict), detail: str(r.detail ?? r.reason ?? ''), timeMs: typeof t === 'number' ? t : null };
  const cex = r.counterexample as Counterexample | undefined;
  if (cex && typeof cex === 'object' && typeof cex.difference === 'string') out.counterexample = cex;
  return out;
}

// Where validatePair lives.
const CANDIDATES = ['../tv/validate.ts'];

let loaded: Promise<Validator | null> | null = null;

/** The validator, or null while verifier/tv does not export `validatePair` yet. */
export function loadValidator(): Promise<Validator | null> {
  loaded ??= (async () => {
    for (const c of CANDIDATES) {
      let mod: Record<string, unknown>;
      try {
        mod = (await import(new URL(c, import.meta.url).href)) as Record<string, unknown>;
      } catch (e) {
        if (isMissingModule(e, c)) continue;
        throw e;
      }
      const fn = mod.validatePair;
      if (typeof fn !== 'function') continue;
      return async (src, tgt, opts) => {
        const out = (await (fn as (s: Module, t: Module, o: ValidateOptions) => Promise<unknown>)(src, tgt, opts)) as unknown;
        const list = Array.isArray(out) ? out : ((out as { functions?: unknown[] })?.functions ?? []);
        return list.map((r) => normaliseVerdict(r as Record<string, unknown>));
      };
    }
    return null;
  })();
  return loaded;
}

/** The candidate file itself is absent (not a module it imports: that is a real error). */
function isMissingModule(e: unknown, candidate: string): boolean {
  const code = (e as { code?: string })?.code;
  const msg = String((e as Error)?.message ?? '');
  return (code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module/.test(msg)) && msg.includes(candidate.replace('../', ''));
}
