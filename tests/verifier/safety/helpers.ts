// Helpers for the safety VC tests: proving Clef source, and a solver that asks native z3
// first when it is installed (several times faster than the WASM build on these queries)
// with a short time limit, and the default back end (z3 WASM) when that answers unknown:
// Debian's z3 4.8 loops on some simple linear queries that z3 5 decides.
import { checkQuery, type Backend, type Query, type SolverResult } from '../../../verifier/smt/solver.ts';
import { z3NativeBackend } from '../../../verifier/smt/native.ts';
import { proveObligations, type ProofResult, type ProveOptions } from '../../../verifier/safety/prove.ts';
import { core, FILE, src } from '../semantics/symbolic/helpers.ts';

export { core, FILE, src };

let backend: Promise<Backend | undefined> | null = null;

/** Native z3 when available (FIDELITY_SOLVER still wins), else the default back end. */
export function testBackend(): Promise<Backend | undefined> {
  backend ??= (async () => {
    if (process.env['FIDELITY_SOLVER']) return undefined;
    return (await z3NativeBackend.available?.()) ? z3NativeBackend : undefined;
  })();
  return backend;
}

export async function testCheck(q: Query, o: { timeoutMs: number }): Promise<SolverResult> {
  const b = await testBackend();
  if (b) {
    const r = await checkQuery(q, { timeoutMs: Math.min(o.timeoutMs, 1000), backend: b });
    if (r.status === 'sat' || r.status === 'unsat') return r;
  }
  return checkQuery(q, o);
}

export async function prove(text: string, opts: ProveOptions = {}): Promise<ProofResult[]> {
  return proveObligations(core(text), { timeoutMs: 10_000, check: testCheck, ...opts });
}

/** `category@line` -> verdict (the first obligation of that category on that line). */
export function verdicts(rs: ProofResult[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rs) {
    const k = `${r.category}@${r.span.line}`;
    if (!out.has(k)) out.set(k, r.verdict);
  }
  return out;
}

export function describe(rs: ProofResult[]): string {
  return rs.map((r) => `${r.id} ${r.verdict}: ${r.detail}`).join('\n');
}
