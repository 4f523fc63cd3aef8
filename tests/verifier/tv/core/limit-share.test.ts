// limit-share.ts: a share of the per-query time limit is the same share of the resource limit
// when queries have one (withRlimit), and what a query spent is then counted in units — so
// split.ts's quick attempts and parts' budget are work, not the clock, in the tests.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { costMs, limitShare } from '../../../../verifier/tv/core/limit-share.ts';
import { withRlimit } from '../../../helpers/effort.ts';

test('without a resource limit a share is wall time only, and a query costs its wall time', () => {
  assert.equal(limitShare({ timeoutMs: 3000 }, 750), { timeoutMs: 750 });
  assert.is(costMs({ timeoutMs: 3000 }, { timeMs: 1234, resources: 5 }), 1234);
});

test('under a resource limit a share of the time limit is the same share of the units', async () => {
  await withRlimit(async () => {
    // before: a quarter of a 60 s hang guard kept the full 4 M units (as costly as a full query)
    assert.equal(limitShare({ timeoutMs: 60_000 }, 15_000), { timeoutMs: 15_000, rlimit: 1_000_000 });
    // a share of a share: of the query's own limit, not the default's
    assert.equal(limitShare({ timeoutMs: 15_000, rlimit: 1_000_000 }, 7_500), { timeoutMs: 7_500, rlimit: 500_000 });
    // never more than the whole limit
    assert.equal(limitShare({ timeoutMs: 60_000 }, 120_000).rlimit, 4_000_000);
    // 2 M units of a 4 M limit cost half the limit, however long they took on the clock
    assert.is(costMs({ timeoutMs: 60_000 }, { timeMs: 59_000, resources: 2_000_000 }), 30_000);
    // no units reported (a reused answer): its wall time
    assert.is(costMs({ timeoutMs: 60_000 }, { timeMs: 7 }), 7);
  }, 4_000_000);
});

test.run();
