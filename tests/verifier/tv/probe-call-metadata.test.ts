// Soundness probe (review 18): alias metadata on a call. mlir-translate 19 keeps an
// llvm.call's `alias_scopes` / `noalias_scopes` / `tbaa` / `access_groups` as `!alias.scope`,
// `!noalias`, `!tbaa`, `!llvm.access.group`; a call in scope A whose noalias list has A is
// assumed not to touch what the other call touches (LangRef: UB when it does). The semantics
// read calls without it, so a target marking `w(p)` and `r(p)` so was proved equal to the
// unmarked source; clang -O2 then forwarded r's read of *p past w (a C caller whose w adds 1:
// source 1, target 0; scratch/review18/wr/). Now `unsupported`, naming the metadata, as on
// loads and stores (probe-volatile.test.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { validatePair } from '../../../verifier/tv/validate.ts';
import { disposeSolvers } from '../../../verifier/smt/solver.ts';

const SCOPES = `#dom = #llvm.alias_scope_domain<id = distinct[0]<>, description = "d">
#sa = #llvm.alias_scope<id = distinct[1]<>, domain = #dom, description = "a">
`;

/** @r reads *q; @f reads *p through r before and after the external @w(p). */
const mod = (marked: boolean) => `${marked ? SCOPES : ''}llvm.func @w(!llvm.ptr)
llvm.func @r(%q: !llvm.ptr) -> i32 {
  %v = llvm.load %q {alignment = 4 : i64} : !llvm.ptr -> i32
  llvm.return %v : i32
}
llvm.func @f(%p: !llvm.ptr) -> i32 {
  %a = llvm.call @r(%p)${marked ? ' {noalias_scopes = [#sa]}' : ''} : (!llvm.ptr) -> i32
  llvm.call @w(%p)${marked ? ' {alias_scopes = [#sa]}' : ''} : (!llvm.ptr) -> ()
  %b = llvm.call @r(%p)${marked ? ' {noalias_scopes = [#sa]}' : ''} : (!llvm.ptr) -> i32
  %d = llvm.sub %b, %a : i32
  llvm.return %d : i32
}`;

async function verdictOfF(src: string, tgt: string): Promise<string> {
  const rows = await validatePair(parseMlir(src, 'src.mlir'), parseMlir(tgt, 'tgt.mlir'), { unroll: 2, timeoutMs: 20_000 });
  const f = rows.find((r) => r.name === 'f' || r.name === '@f');
  assert.ok(f, `no row for @f: ${rows.map((r) => r.name).join(', ')}`);
  return `${f.verdict}: ${f.detail}`;
}

test('calls marked as not aliasing (they do: both get p): not proved', async () => {
  const v = await verdictOfF(mod(false), mod(true));
  assert.match(v, /^unsupported: .*noalias_scopes llvm\.call/, v);
});

test('the unmarked pair keeps its proof', async () => {
  const v = await verdictOfF(mod(false), mod(false));
  assert.match(v, /^proved/, v);
});

test('tbaa on a call: unsupported, named', async () => {
  const m = `#root = #llvm.tbaa_root<id = "r">
#int = #llvm.tbaa_type_desc<id = "int", members = {<#root, 0>}>
#tag = #llvm.tbaa_tag<base_type = #int, access_type = #int, offset = 0>
llvm.func @w(!llvm.ptr)
llvm.func @f(%p: !llvm.ptr) {
  llvm.call @w(%p)__ : (!llvm.ptr) -> ()
  llvm.return
}`;
  const v = await verdictOfF(m.replace('__', ''), m.replace('__', ' {tbaa = [#tag]}'));
  assert.match(v, /^unsupported: .*tbaa llvm\.call/, v);
});

test.after(async () => {
  await disposeSolvers();
});

test.run();
