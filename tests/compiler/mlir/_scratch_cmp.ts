import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dequal } from 'dequal';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { printMlir } from '../../../compiler/mlir/print.ts';
import { canonicalNames } from '../../../compiler/mlir/names.ts';

function firstDiff(a: any, b: any, path = ''): string | null {
  if (dequal(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${String(a)} vs ${String(b)}`;
  if (Array.isArray(a) && a.length !== b.length) return `${path}: length ${a.length} vs ${b.length} ${JSON.stringify(a.map?.((x:any)=>x?.name ?? x), (k,v)=>typeof v==='bigint'?String(v):v).slice(0,300)} VS ${JSON.stringify(b.map?.((x:any)=>x?.name ?? x), (k,v)=>typeof v==='bigint'?String(v):v).slice(0,300)}`;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDiff(a[k], b[k], path + '.' + k + (a?.name ? `(${a.name})` : ''));
    if (d) return d;
  }
  return `${path}: ?`;
}
let bad = 0;
for (const f of process.argv.slice(2)) {
  const g = f.replace(/\.mlir$/, '.g.mlir');
  try {
    const m = parseMlir(readFileSync(f, 'utf8'), f);
    const mg = parseMlir(readFileSync(g, 'utf8'), g);
    const d = firstDiff(canonicalNames(m), canonicalNames(mg));
    if (d) { bad++; console.log('CUSTOM/GENERIC', f, d.slice(0, 600)); }
    const printed = printMlir(m);
    const back = parseMlir(printed, 'printed');
    const d2 = firstDiff(m, back);
    if (d2) { bad++; console.log('ROUNDTRIP', f, d2.slice(0, 400)); }
    writeFileSync('/tmp/printed.mlir', printed);
    try { execFileSync('/usr/lib/llvm-19/bin/mlir-opt', ['/tmp/printed.mlir'], { stdio: 'pipe' }); }
    catch (e: any) { bad++; console.log('MLIR-OPT', f, String(e.stderr).slice(0, 500)); }
  } catch (e) { bad++; console.log('ERR', f, (e as Error).message.split('\n')[0]); }
}
console.log('bad', bad);
