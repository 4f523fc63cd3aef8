// Loops whose invariants are non-linear (products of two unknowns): the cut-point run is
// asked again with exact integers when the Int representation over-approximated
// (verifier/safety/prove.ts), and an unsigned product the solver can bound is no `mod` of a
// non-linear term there (domain.ts). Before both, isqrt32's postcondition was bounded(4) and
// its second invariant unknown.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';
import { describe, prove, verdicts } from './helpers.ts';

const ISQRT = `
    [<Ensures("result * result <= n && (result + 1u) * (result + 1u) > n")>]
    let isqrt32 (n: uint32) : uint32 =
        let mutable root = 0u
        let mutable bit = 1u <<< 15
        while bit <> 0u do
            Contract.invariant ((bit = 1u || bit = 2u || bit = 4u || bit = 8u || bit = 16u || bit = 32u || bit = 64u || bit = 128u || bit = 256u || bit = 512u || bit = 1024u || bit = 2048u || bit = 4096u || bit = 8192u || bit = 16384u || bit = 32768u) && root + 2u * bit <= 65536u)
            Contract.invariant (root * root <= n && n < (root + 2u * bit) * (root + 2u * bit))
            let t = root + bit
            if uint64 t * uint64 t <= uint64 n then
                root <- t
            bit <- bit >>> 1
        root
`;

test('a bit-by-bit square root is proved by its non-linear invariants', async () => {
  const rs = await prove(ISQRT);
  const v = verdicts(rs);
  assert.is(v.get('postcondition@1'), 'proved', describe(rs));
  assert.is(v.get('invariant@6'), 'proved', describe(rs));
  assert.is(v.get('invariant@7'), 'proved', describe(rs));
  assert.ok(rs.some((r) => /exact integers/.test(r.detail)), describe(rs));
});

test('a wrong root is not proved', async () => {
  // keeps a bit only when the square is strictly below n: isqrt 4 = 1
  const rs = await prove(ISQRT.replace('uint64 t * uint64 t <= uint64 n', 'uint64 t * uint64 t < uint64 n'));
  const v = verdicts(rs);
  assert.is.not(v.get('postcondition@1'), 'proved', describe(rs));
  assert.is.not(v.get('invariant@7'), 'proved', describe(rs));
});

test.after(() => disposeSolvers());
test.run();
