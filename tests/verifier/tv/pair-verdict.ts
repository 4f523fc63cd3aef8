// The verdict of a one-function pair of hand-written MLIR texts as one line
// (`verdict: detail`), for tests that check the engine's answer on small pairs.
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';

export async function pairVerdict(src: string, tgt: string, unroll = 2): Promise<string> {
  const got = await validatePair(parseMlir(src, 'src.mlir'), parseMlir(tgt, 'tgt.mlir'), { unroll, timeoutMs: 20_000 });
  assert.is(got.length, 1);
  return `${got[0]!.verdict}: ${got[0]!.detail}`;
}
