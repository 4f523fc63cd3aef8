// Front-end throughput: parse, type-check and elaborate a generated 10,000-line program.
// Prints per-stage medians over several runs and lines per second.
import { generateProgram } from './gen-program.ts';
import { parseProgram } from '../compiler/syntax/parse.ts';
import { checkProgram } from '../compiler/types/check.ts';
import { elaborate } from '../compiler/core/elaborate.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function benchFrontend(lines = 10_000, runs = 5): void {
  const text = generateProgram(lines);
  const n = text.split('\n').length;
  const t = { parse: [] as number[], typecheck: [] as number[], elaborate: [] as number[], total: [] as number[] };
  for (let r = 0; r < runs + 1; r++) {
    const t0 = performance.now();
    const ast = parseProgram('gen.clef', text);
    const t1 = performance.now();
    const { types } = checkProgram(ast);
    const t2 = performance.now();
    elaborate(ast, types);
    const t3 = performance.now();
    if (r === 0) continue; // warm-up
    t.parse.push(t1 - t0);
    t.typecheck.push(t2 - t1);
    t.elaborate.push(t3 - t2);
    t.total.push(t3 - t0);
  }
  console.log(`front end on a generated program of ${n} lines (median of ${runs} runs after 1 warm-up):`);
  for (const [stage, xs] of Object.entries(t)) {
    const m = median(xs);
    console.log(`  ${stage.padEnd(10)} ${m.toFixed(1).padStart(8)} ms   ${Math.round((n / m) * 1000).toLocaleString('en-US').padStart(10)} lines/s`);
  }
  const total = median(t.total);
  console.log(`  goal: whole front end < 1000 ms for 10,000 lines — ${total < 1000 ? 'met' : 'NOT met'} (${total.toFixed(0)} ms)`);
}
