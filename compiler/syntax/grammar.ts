// Loads the Clef grammar (clef.ohm, next to this file) once.
import { readFileSync } from 'node:fs';
import * as ohm from 'ohm-js';

export const grammarSource = readFileSync(new URL('./clef.ohm', import.meta.url), 'utf8');
export const clefGrammar: ohm.Grammar = ohm.grammar(grammarSource);
