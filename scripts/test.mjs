#!/usr/bin/env node
// Runs every tests/**/*.test.ts file in its own process (uvu per file), two at a time,
// plus the type check, and ends with the one plain line CI reads: `N passed, N failed`.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const filter = process.argv.slice(2);

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = findTests(join(root, 'tests')).filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const tsc = join(root, 'node_modules', '.bin', 'tsc');

function run(cmd, args) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code, signal) => resolve({ code: code ?? 128, signal, out, ms: Date.now() - t0 }));
  });
}

const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
const failures = [];

async function runFile(file) {
  const r = await run(tsx, [file]);
  const out = strip(r.out);
  const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  const ok = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  const skipped = Number(/Skipped:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const name = relative(root, file);
  if (Number.isNaN(total) || Number.isNaN(ok)) {
    failed += 1;
    failures.push({ name, out });
    console.log(`FAIL ${name} (crashed, exit ${r.code}) ${r.ms} ms`);
    return;
  }
  const bad = total - ok - skipped;
  passed += ok;
  failed += bad;
  if (bad > 0 || r.code !== 0) {
    if (bad === 0) failed += 1; // a non-zero exit with all tests passing is still a failure
    failures.push({ name, out });
  }
  console.log(`${bad > 0 || r.code !== 0 ? 'FAIL' : 'ok  '} ${name}: ${ok}/${total} ${r.ms} ms`);
}

const queue = [...files];
const jobs = Math.max(1, Math.min(Number(process.env.TEST_JOBS) || os.cpus().length, 4));
const typecheck = filter.length === 0 ? run(tsc, ['--noEmit', '-p', '.']) : null;
await Promise.all(
  Array.from({ length: jobs }, async () => {
    for (let f = queue.shift(); f; f = queue.shift()) await runFile(f);
  }),
);
if (typecheck) {
  const r = await typecheck;
  if (r.code === 0) {
    passed++;
    console.log('ok   typecheck (tsc --noEmit)');
  } else {
    failed++;
    failures.push({ name: 'typecheck (tsc --noEmit)', out: r.out });
    console.log('FAIL typecheck (tsc --noEmit)');
  }
}
for (const f of failures) {
  console.log(`\n---- ${f.name} ----\n${strip(f.out).trim().split('\n').slice(-60).join('\n')}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
