// The grammar's recipe cache (compiler/syntax/grammar.ts): the grammar built from a cached
// recipe is the grammar built from clef.ohm — the same recipe, and the same match (success,
// concrete syntax tree, failure message) on every corpus and corpus/bad program — and a
// cache entry is only ever used for the exact grammar text it was made from.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ohm from 'ohm-js';
import { clefGrammar, grammarCacheFile, grammarSource, loadGrammar } from '../../../compiler/syntax/grammar.ts';
import { root } from '../../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'grammar-cache-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const recipe = (g: ohm.Grammar) => (g as ohm.Grammar & { toRecipe(): string }).toRecipe();
const fromText = ohm.grammar(grammarSource);

type Raw = { ctorName: string; matchLength: number; children?: Raw[] };
/** The concrete syntax tree as text (ohm-js 17's MatchResult._cst, as cstWalk.ts reads it). */
function cst(n: Raw | undefined): string {
  if (!n) return '-';
  return `${n.ctorName}:${n.matchLength}${n.children?.length ? `(${n.children.map(cst).join(' ')})` : ''}`;
}
function outcome(g: ohm.Grammar, text: string, rule: string): string {
  const m = g.match(text, rule);
  return m.failed() ? `failed ${m.message}` : `ok ${cst((m as unknown as { _cst: Raw })._cst)}`;
}

test('the first load builds from the text and caches the recipe; the second builds from the recipe', () => {
  const file = grammarCacheFile(grammarSource, dir);
  assert.not.ok(existsSync(file));
  const first = loadGrammar(grammarSource, dir);
  assert.ok(existsSync(file), 'the recipe is cached');
  const second = loadGrammar(grammarSource, dir);
  assert.is(recipe(first), recipe(fromText));
  assert.is(recipe(second), recipe(fromText));
  assert.is(recipe(clefGrammar), recipe(fromText), 'the grammar the parser uses');
});

test('grammar from the recipe = grammar from the text, on every corpus and corpus/bad program', () => {
  const cached = loadGrammar(grammarSource, dir);
  const files = [join(root, 'corpus'), join(root, 'corpus', 'bad')].flatMap((d) =>
    readdirSync(d).filter((f) => f.endsWith('.clef')).map((f) => join(d, f)),
  );
  assert.ok(files.length >= 50, `${files.length} programs`);
  let ok = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    // whole files (mostly failures: the parser matches layout-processed items) and each
    // top-level declaration's lines (mostly successes)
    const matches: [string, string][] = [[text, 'Program'], ...text.split(/\n(?=\S)/).map((c): [string, string] => [c, 'TopItem'])];
    for (const [chunk, rule] of matches) {
      const a = outcome(cached, chunk, rule);
      assert.is(a, outcome(fromText, chunk, rule), `${f} (${rule})`);
      if (a.startsWith('ok')) ok++;
    }
  }
  assert.ok(ok > 100, `${ok} successful matches compared`);
});

test('a cache entry is keyed by the whole grammar text; an unreadable entry is rebuilt', () => {
  const other = grammarSource.replace('Clef {', 'Clef {\n  Unused = "unused"');
  assert.is.not(other, grammarSource);
  assert.is.not(grammarCacheFile(other, dir), grammarCacheFile(grammarSource, dir));
  const g = loadGrammar(other, dir);
  assert.ok('Unused' in g.rules, 'the changed grammar, not the cached one');
  writeFileSync(grammarCacheFile(grammarSource, dir), '{"truncated');
  assert.is(recipe(loadGrammar(grammarSource, dir)), recipe(fromText));
  assert.is(readFileSync(grammarCacheFile(grammarSource, dir), 'utf8'), recipe(fromText), 'rewritten');
});

test.run();
