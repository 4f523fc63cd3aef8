// The replay's 4 GiB limit is named as such (verifier/tv/wide-offset.ts): the reasons the
// interpreter gives for a pointer 4 GiB or more into its block map to an honest `unknown`,
// and no other reason does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { ConcreteMemory } from '../../../verifier/semantics/mlir/concrete-memory.ts';
import { Interpreter } from '../../../verifier/semantics/mlir/interp.ts';
import { moduleInfo } from '../../../verifier/semantics/mlir/module-info.ts';
import { wideOffsetUnknown } from '../../../verifier/tv/wide-offset.ts';

test('an unrelated replay failure is not the 4 GiB limit', () => {
  assert.is(wideOffsetUnknown('the target does not run on the model: error: unsupported: llvm.frobnicate'), null);
  assert.is(wideOffsetUnknown('both sides behave the same on the model (returns (1) after 0 call(s))'), null);
});

test('the words the interpreter throws for a ptrtoint 4 GiB into a block name the limit', () => {
  // a real interpreter run: a getelementptr 2^32 bytes into an alloca'd block, then ptrtoint
  const info = moduleInfo(parseMlir(`llvm.func @f() -> i64 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %big = llvm.mlir.constant(4294967296 : i64) : i64
  %p = llvm.alloca %one x i8 : (i64) -> !llvm.ptr
  %q = llvm.getelementptr %p[%big] : (!llvm.ptr, i64) -> !llvm.ptr, i8
  %x = llvm.ptrtoint %q : !llvm.ptr to i64
  llvm.return %x : i64
}`, 'wide.mlir'));
  let why = '';
  try {
    const memory = new ConcreteMemory({ globalIds: new Map() });
    new Interpreter({ info, memory, external: () => [] }).runFunction(info.funcs.get('f')!, []);
  } catch (e) {
    why = (e as Error).message;
  }
  const u = wideOffsetUnknown(`the target does not run on the model: error: ${why}`);
  assert.ok(u, why);
  assert.match(u!, /^unknown: the replay cannot represent an address offset of 4 GiB or more into a block \(llvm\.ptrtoint/);
});

test.run();
