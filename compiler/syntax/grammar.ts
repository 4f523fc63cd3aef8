// Loads the Clef grammar (clef.ohm, next to this file) once.
//
// Building it from its text costs ~0.35 s of CPU (ohm parses the grammar), paid by every
// process that reads Clef: each CLI run, each test file. So the grammar's recipe — ohm's own
// serialised form of a built grammar (Grammar.toRecipe / ohm.makeRecipe, what ohm's
// precompiled bundles hold; it builds the same grammar in ~10 ms) — is cached on disk, keyed
// by the sha256 of the grammar text and the ohm-js version: a changed grammar or ohm gets a
// new key, never an old grammar. A cache that cannot be read or written is ignored and the
// grammar built from its text.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import * as ohm from 'ohm-js';

export const grammarSource = readFileSync(new URL('./clef.ohm', import.meta.url), 'utf8');

// the recipe functions are public in ohm-js 17 but not in its type declarations
type Recipes = { makeRecipe(recipe: unknown): ohm.Grammar };
type WithRecipe = ohm.Grammar & { toRecipe(): string };

/** The grammar of `source`, through the recipe cache in `dir` (exported for its test). */
export function loadGrammar(source: string, dir = join(tmpdir(), 'fidelity-cache')): ohm.Grammar {
  const file = grammarCacheFile(source, dir);
  try {
    return (ohm as unknown as Recipes).makeRecipe(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // not cached yet (or unreadable): built from the text below
  }
  const grammar = ohm.grammar(source);
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}-${threadId}.tmp`; // validation's worker threads share the pid
    writeFileSync(tmp, (grammar as WithRecipe).toRecipe());
    renameSync(tmp, file); // atomic: a parallel reader never sees half a recipe
  } catch {
    // a read-only or full disk: no cache, same grammar
  }
  return grammar;
}

export function grammarCacheFile(source: string, dir: string): string {
  const key = createHash('sha256').update(ohm.version).update('\0').update(source).digest('hex').slice(0, 24);
  return join(dir, `clef-grammar-${key}.json`);
}

export const clefGrammar: ohm.Grammar = loadGrammar(grammarSource);
