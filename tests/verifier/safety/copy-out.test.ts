// Region.copyOut copies the contents (exec-memory.ts `copyContents`): a copy of a whole region
// block reads as the source did at the copy, and later writes to the source do not reach it.
// Before 26 Nov the copy was unconstrained, so nothing about its values could be proved
// (region_stats' filter could not promise its output's range).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import type { ProofResult } from '../../../verifier/safety/prove.ts';
import { describe, prove } from './helpers.ts';

/** The verdict of the one division's div-by-zero obligation. */
const division = (rs: ProofResult[]) => rs.find((r) => r.category === 'div-by-zero')?.verdict;

const body = (before: string, after: string) => `
    [<Requires("Arena.remaining arena >= 64")>]
    let f (arena: Arena) : int =
        use r = Region.create ()
        let tmp = Region.alloc<int> r 2
${before}
        let c = Region.copyOut arena tmp
${after}
        100 / c.[1]
`;

test('the copy of a whole region block has its contents', async () => {
  const rs = await prove(body('        tmp.[1] <- 5', ''));
  assert.is(division(rs), 'proved', describe(rs));
});

test('a write to the source after the copy does not reach the copy', async () => {
  const kept = await prove(body('        tmp.[1] <- 5', '        tmp.[1] <- 0'));
  assert.is(division(kept), 'proved', describe(kept));
  const zero = await prove(body('        tmp.[1] <- 0', '        tmp.[1] <- 5'));
  assert.is(division(zero), 'refuted', describe(zero));
});

test('a copy from an offset is not taken for the block from 0', async () => {
  // c = tmp.[1 ..]: c.[0] is tmp.[1] = 0 (a real division by zero), while tmp.[0] is 5
  const rs = await prove(`
    [<Requires("Arena.remaining arena >= 64")>]
    let f (arena: Arena) : int =
        use r = Region.create ()
        let tmp = Region.alloc<int> r 2
        tmp.[0] <- 5
        let c = Region.copyOut arena (Span.slice tmp 1 1)
        100 / c.[0]
  `);
  assert.is.not(division(rs), 'proved', describe(rs));
});

test.after(() => disposeSolvers());
test.run();
