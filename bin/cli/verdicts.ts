// Shared by tv / validate / audit: the exit code of a set of verdicts and their printing.
import type { FunctionVerdict } from '../../verifier/tv/validate.ts';

export type PassVerdict = FunctionVerdict & { pass?: string; file?: string };

/** 0: nothing refuted or unknown; 1: something refuted; 2: unknown/unsupported only. */
export function exitCodeOf(vs: { verdict: string }[]): number {
  if (vs.some((v) => v.verdict === 'refuted')) return 1;
  if (vs.some((v) => v.verdict === 'unknown' || v.verdict === 'unsupported' || v.verdict === 'inconsistent')) return 2;
  return 0;
}

export function toJson(v: PassVerdict): Record<string, unknown> {
  return {
    ...(v.file !== undefined ? { file: v.file } : {}),
    ...(v.pass !== undefined ? { pass: v.pass } : {}),
    name: v.name,
    verdict: v.verdict,
    detail: v.detail,
    time_ms: v.timeMs,
    ...(v.counterexample ? { counterexample: v.counterexample } : {}),
  };
}

export function summaryLine(vs: { verdict: string }[]): string {
  const counts = new Map<string, number>();
  for (const v of vs) {
    const k = v.verdict.startsWith('bounded') ? 'bounded' : v.verdict;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const order = ['proved', 'bounded', 'refuted', 'unknown', 'unsupported', 'inconsistent'];
  return order.map((k) => `${counts.get(k) ?? 0} ${k}`).join(', ');
}

/** The explanation printed under the table for every verdict that is not `proved`. */
export function describe(v: PassVerdict): string {
  const where = [v.file, v.pass].filter(Boolean).join(' ');
  const detail = v.detail.startsWith(`${v.verdict}: `) ? v.detail.slice(v.verdict.length + 2) : v.detail;
  const lines = [`${where ? where + ' ' : ''}@${v.name}: ${v.verdict}: ${detail}`];
  const c = v.counterexample;
  if (c) {
    lines.push(`  inputs: ${c.inputs.map((i) => `${i.name} = ${i.value}`).join(', ') || '(none)'}`);
    if (c.memory.length) lines.push(`  memory: ${c.memory.join('; ')}`);
    lines.push(`  source: ${c.src}`, `  target: ${c.tgt}`, `  first difference: ${c.difference}`);
  }
  return lines.join('\n');
}

// A progress line is cleared only if one was written, so a run that shows none (--json)
// leaves the terminal's stderr untouched.
let progressShown = false;
export function progress(msg: string): void {
  if (!process.stderr.isTTY) return;
  process.stderr.write(`\r\x1b[K${msg}`);
  progressShown = true;
}
export function progressDone(): void {
  if (!progressShown) return;
  process.stderr.write('\r\x1b[K');
  progressShown = false;
}
