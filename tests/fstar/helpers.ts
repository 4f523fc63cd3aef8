// Helpers for the F* emission tests: Clef source -> Core -> F* module, and queries over the
// emitted text and its obligation table.
import * as assert from 'uvu/assert';
import { frontEndText } from '../../compiler/frontend.ts';
import { programObligations } from '../../compiler/core/walk.ts';
import type { CoreProgram, Obligation } from '../../compiler/core/core.ts';
import { emitFstar, type FstarModule } from '../../fstar/index.ts';

/** Source with the common indentation removed, so tests can indent their programs. */
export function src(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function coreOf(text: string, file = 't.clef'): CoreProgram {
  return frontEndText(file, src(text)).core;
}

export function emitOf(text: string, file = 't.clef'): { core: CoreProgram; m: FstarModule; lines: string[] } {
  const core = coreOf(text, file);
  const m = emitFstar(core);
  return { core, m, lines: m.text.split('\n') };
}

/** The obligations of `fn` of one category, in program order. */
export function obs(core: CoreProgram, fn: string, category: string): Obligation[] {
  return programObligations(core).filter((o) => o.fn === fn && o.category === category);
}

/** The emitted line the table gives for an obligation id. */
export function lineFor(m: FstarModule, id: string): string {
  const row = m.table.find((t) => t.id === id);
  assert.ok(row, `no table row for ${id}`);
  return m.text.split('\n')[row!.line - 1]!;
}

/** Asserts that some line of the text contains every fragment, and returns it. */
export function hasLine(lines: string[], ...fragments: string[]): string {
  const l = lines.find((x) => fragments.every((f) => x.includes(f)));
  assert.ok(l, `no line with ${fragments.map((f) => JSON.stringify(f)).join(' and ')}`);
  return l!;
}

/** Each obligation id of the program is named by exactly one assertion comment or one
 *  table row, and the row's line mentions the id. */
export function assertOnePerObligation(core: CoreProgram, m: FstarModule): void {
  const ids = programObligations(core).map((o) => o.id);
  assert.equal(m.table.map((t) => t.id), ids, 'the table lists every obligation once, in program order');
  const text = m.text;
  for (const id of ids) {
    const named = text.split(`(* obligation ${id} *)`).length - 1;
    const row = m.table.find((t) => t.id === id)!;
    if (row.form === 'assert') assert.is(named, 1, `one named assertion for ${id}`);
    assert.ok(lineFor(m, id).includes(id), `line ${row.line} mentions ${id}`);
  }
}
