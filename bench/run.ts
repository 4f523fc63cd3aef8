// `npm run bench`: every benchmark, one after another, each printing its own figures.
// `npm run bench NAME` runs one: frontend, native, tv, prove.
import { benchFrontend } from './frontend.ts';

const only = process.argv[2];
if (!only || only === 'frontend') benchFrontend();
if (!only || only === 'native') await (await import('./native.ts')).benchNative();
if (!only || only === 'tv') await (await import('./tv.ts')).benchTv();
if (!only || only === 'prove') await (await import('./prove.ts')).benchProve();
