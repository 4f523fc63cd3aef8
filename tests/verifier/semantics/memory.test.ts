// The memory model through the interpreter: bounds, stack lifetime, arenas, regions.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CExpr } from '../../../compiler/core/core.ts';
import type { Type } from '../../../compiler/types/types.ts';
import {
  at, call, fn, k, let_, load, ob, op, program, run, seq, stackalloc, stopsWith, store, ty, unit, v, value, violationOf, fmtInt, writeln,
} from './build.ts';

const S = at(1);
const span = (e: CExpr, start: CExpr, length: CExpr, obs = [ob('bounds', 8)]): CExpr =>
  ({ kind: 'SpanSlice', source: e, start, length, obs, ty: e.ty, span: S });
const ofPtr = (p: CExpr, n: CExpr): CExpr => ({ kind: 'SpanOfPtr', ptr: p, length: n, obs: [ob('bounds', 7)], ty: ty.span((p.ty as { elem: Type }).elem), span: S });
const spanLen = (s: CExpr): CExpr => ({ kind: 'SpanLength', source: s, ty: ty.int, span: S });
const arenaCreate = (cap: bigint): CExpr => ({ kind: 'ArenaCreate', capacity: cap, ty: ty.arena, span: S });
const arenaAlloc = (a: CExpr, elem: Type, n: CExpr, obs = [ob('arena-capacity', 5)]): CExpr => ({ kind: 'ArenaAlloc', arena: a, elem, count: n, obs, ty: ty.span(elem), span: S });
const remaining = (a: CExpr): CExpr => ({ kind: 'ArenaRemaining', arena: a, ty: ty.int, span: S });
const reset = (a: CExpr): CExpr => ({ kind: 'ArenaReset', arena: a, ty: ty.unit, span: S });
const regionCreate = (): CExpr => ({ kind: 'RegionCreate', ty: ty.region, span: S });
const regionAlloc = (r: CExpr, elem: Type, n: CExpr): CExpr => ({ kind: 'RegionAlloc', region: r, elem, count: n, obs: [], ty: ty.span(elem), span: S });
const release = (r: CExpr, line = 6): CExpr => ({ kind: 'RegionRelease', region: r, obs: [ob('double-release', line)], ty: ty.unit, span: at(line) });
const ptrAdd = (p: CExpr, n: CExpr): CExpr => ({ kind: 'PtrAdd', ptr: p, offset: n, obs: [ob('bounds', 4)], ty: p.ty, span: S });
const extent = (p: CExpr): CExpr => ({ kind: 'Extent', ptr: p, ty: ty.int, span: S });
const P = (elem: Type = ty.int) => v('p', ty.ptr(elem));
const SP = (name = 's', elem: Type = ty.int) => v(name, ty.span(elem));

test('stack memory: store then load; fresh memory reads as zero', () => {
  const e = let_('p', stackalloc(ty.int, k(3n)), seq(store(P(), k(1n), k(42n)), op('add', load(P(), k(1n)), load(P(), k(2n)))));
  assert.is(value(e), 42n);
  const f = let_('p', stackalloc(ty.float, k(2n)), load(P(ty.float), k(0n)));
  assert.is(value(f), 0);
});

test('bounds: an index outside the block stops, with or without checks, at the bounds obligation', () => {
  const bad = (i: bigint) => let_('p', stackalloc(ty.int, k(3n)), load(P(), k(i), [ob('bounds', 12, 9)]));
  assert.is(stopsWith(bad(3n)), 'bounds@12:9');
  assert.is(stopsWith(bad(-1n)), 'bounds@12:9');
  assert.is(stopsWith(bad(3n), false), 'bounds@12:9');
  assert.is(stopsWith(bad(1n << 60n)), 'bounds@12:9');
  assert.is(stopsWith(bad(2n)), 'ok');
  const st = let_('p', stackalloc(ty.int, k(2n)), store(P(), k(2n), k(1n), [ob('bounds', 3)]));
  assert.is(stopsWith(st, false), 'bounds@3:1');
});

test('spans: ofPtr, slice, length, bounds against the span (not only the block)', () => {
  const body = (i: bigint) => let_('p', stackalloc(ty.int, k(10n)), let_('s', ofPtr(P(), k(10n)), let_('t', span(SP(), k(2n), k(3n)), seq(
    store(SP(), k(3n), k(33n)),
    op('add', load(SP('t'), k(i), [ob('bounds', 9)]), op('mul', spanLen(SP('t')), k(100n))),
  ))));
  assert.is(value(body(1n)), 333n);
  assert.is(stopsWith(body(3n)), 'bounds@9:1'); // inside the block, outside the span
  assert.is(stopsWith(body(3n), false), 'bounds@9:1');
  const badSlice = let_('p', stackalloc(ty.int, k(4n)), span(ofPtr(P(), k(4n)), k(2n), k(3n)));
  assert.is(stopsWith(badSlice), 'bounds@8:1');
  const badOfPtr = let_('p', stackalloc(ty.int, k(4n)), ofPtr(P(), k(5n)));
  assert.is(stopsWith(badOfPtr), 'bounds@7:1');
});

test('pointer arithmetic and extent', () => {
  const e = let_('p', stackalloc(ty.int, k(8n)), let_('q', ptrAdd(P(), k(5n)), seq(
    store(v('q', ty.ptr(ty.int)), k(1n), k(7n)),
    op('add', load(P(), k(6n)), op('mul', extent(v('q', ty.ptr(ty.int))), k(10n))),
  )));
  assert.is(value(e), 37n);
  // the extent of q starts at q: q.[-2] is outside it although p.[3] is in the block (the
  // memref view of q in the compiled code has no element -2 either)
  const before = let_('p', stackalloc(ty.int, k(8n)), let_('q', ptrAdd(P(), k(5n)), load(v('q', ty.ptr(ty.int)), k(-2n))));
  assert.match(stopsWith(before), /^bounds@/);
  const far = let_('p', stackalloc(ty.int, k(8n)), ptrAdd(P(), k(9n)));
  assert.is(stopsWith(far), 'bounds@4:1');
  assert.is(stopsWith(far, false), 'ok'); // harmless natively until it is used
  const end = let_('p', stackalloc(ty.int, k(8n)), extent(ptrAdd(P(), k(8n))));
  assert.is(value(end), 0n);
});

test('stack-escape: a pointer to a returned frame is reported where it is used', () => {
  // leak () returns its own stack memory; main reads through it.
  const leak = fn('leak', [], ty.ptr(ty.int), let_('p', stackalloc(ty.int, k(4n)), seq(store(P(), k(0n), k(1n)), P())));
  const main = fn('main', [], ty.int, let_('q', call('leak', [], ty.ptr(ty.int)), load(v('q', ty.ptr(ty.int)), k(0n), [], at(20, 3))));
  assert.is(violationOf(run(program([leak, main])).result), 'stack-escape@20:3');
  assert.is(violationOf(run(program([leak, main]), { checks: false }).result), 'stack-escape@20:3');
  // With the function's stack-escape obligation, checks report it at the return.
  const leak2 = { ...leak, obs: [ob('stack-escape', 15, 5)] };
  assert.is(violationOf(run(program([leak2, main])).result), 'stack-escape@15:5');
  assert.is(violationOf(run(program([leak2, main]), { checks: false }).result), 'stack-escape@20:3');
});

test('stack-escape: storing a stack pointer into longer-lived memory', () => {
  const statics = [{ name: 'g', elem: ty.ptr(ty.int), values: [null], span: S }];
  const g = { kind: 'Static' as const, name: 'g', ty: ty.span(ty.ptr(ty.int)), span: S };
  const keep = fn('keep', [], ty.unit, let_('p', stackalloc(ty.int, k(1n)), store(g, k(0n), P(), [ob('stack-escape', 30, 2)])));
  const main = fn('main', [], ty.int, seq(call('keep', [], ty.unit), load(load(g, k(0n)), k(0n), [], at(31))));
  assert.is(violationOf(run(program([keep, main], { statics })).result), 'stack-escape@30:2');
  assert.is(violationOf(run(program([keep, main], { statics }), { checks: false }).result), 'stack-escape@31:1');
});

test('arena: each allocation starts at the next multiple of its element size', () => {
  const A = v('a', ty.arena);
  const e = let_('a', arenaCreate(64n), seq(
    arenaAlloc(A, ty.u8, k(3n)), // bytes 0..2
    arenaAlloc(A, ty.int, k(2n)), // aligned to 8: bytes 8..23
    arenaAlloc(A, ty.i16, k(1n)), // 24..25
    arenaAlloc(A, ty.i32, k(1n)), // aligned to 4: 28..31
    remaining(A),
  ));
  assert.is(value(e), 32n);
});

test('arena: capacity is checked, with or without checks', () => {
  const A = v('a', ty.arena);
  const e = let_('a', arenaCreate(32n), seq(arenaAlloc(A, ty.u8, k(1n)), arenaAlloc(A, ty.int, k(3n)), remaining(A)));
  assert.is(value(e), 0n);
  const over = let_('a', arenaCreate(32n), seq(arenaAlloc(A, ty.u8, k(1n)), arenaAlloc(A, ty.int, k(4n), [ob('arena-capacity', 11, 4)])));
  assert.is(stopsWith(over), 'arena-capacity@11:4');
  assert.is(stopsWith(over, false), 'arena-capacity@11:4');
  const neg = let_('a', arenaCreate(32n), arenaAlloc(A, ty.int, k(-1n)));
  assert.is(stopsWith(neg), 'arena-capacity@5:1');
});

test('arena: reset frees the space; an old span used after reset is use-after-reset', () => {
  const A = v('a', ty.arena);
  const ok = let_('a', arenaCreate(16n), let_('s', arenaAlloc(A, ty.int, k(2n)), seq(
    store(SP(), k(1n), k(5n)),
    reset(A),
    let_('t', arenaAlloc(A, ty.int, k(2n)), op('add', load(SP('t'), k(1n)), remaining(A))),
  )));
  assert.is(value(ok), 0n); // fresh memory after a reset reads as zero
  const stale = let_('a', arenaCreate(16n), let_('s', arenaAlloc(A, ty.int, k(2n)), seq(
    reset(A),
    load(SP(), k(0n), [ob('bounds', 14), ob('use-after-reset', 14, 6)]),
  )));
  assert.is(stopsWith(stale), 'use-after-reset@14:6');
  assert.is(stopsWith(stale, false), 'use-after-reset@14:6');
});

test('regions: allocation, use-after-release, double-release', () => {
  const R = v('r', ty.region);
  const ok = let_('r', regionCreate(), let_('s', regionAlloc(R, ty.int, k(4n)), seq(
    store(SP(), k(3n), k(9n)),
    let_('x', load(SP(), k(3n)), seq(release(R), v('x'))),
  )));
  assert.is(value(ok), 9n);
  const uar = let_('r', regionCreate(), let_('s', regionAlloc(R, ty.int, k(4n)), seq(
    release(R),
    load(SP(), k(0n), [ob('use-after-release', 16, 2)]),
  )));
  assert.is(stopsWith(uar), 'use-after-release@16:2');
  assert.is(stopsWith(uar, false), 'use-after-release@16:2');
  const twice = let_('r', regionCreate(), seq(release(R, 6), release(R, 7)));
  assert.is(stopsWith(twice), 'double-release@7:1');
  assert.is(stopsWith(twice, false), 'double-release@7:1');
});

test('Region.copyOut copies a span into the arena', () => {
  const A = v('a', ty.arena);
  const R = v('r', ty.region);
  const copy = (s: CExpr): CExpr => ({ kind: 'RegionCopyOut', arena: A, source: s, obs: [ob('arena-capacity', 3)], ty: s.ty, span: S });
  const e = let_('a', arenaCreate(64n), let_('r', regionCreate(), let_('s', regionAlloc(R, ty.int, k(3n)), seq(
    store(SP(), k(0n), k(4n)),
    store(SP(), k(2n), k(6n)),
    let_('c', copy(SP()), seq(
      release(R),
      op('add', op('add', load(SP('c'), k(0n)), load(SP('c'), k(2n))), op('mul', remaining(A), k(100n))),
    )),
  ))));
  assert.is(value(e), 4010n);
  const tooBig = let_('a', arenaCreate(8n), let_('r', regionCreate(), let_('s', regionAlloc(R, ty.int, k(3n)), copy(SP()))));
  assert.is(stopsWith(tooBig), 'arena-capacity@3:1');
});

test('a leak obligation: a region never released in its function (checks on only)', () => {
  const f = fn('f', [], ty.unit, seq(regionCreate(), unit()), { obs: [ob('leak', 40)] });
  const main = fn('main', [], ty.int, seq(call('f', [], ty.unit), k(0n)));
  assert.is(violationOf(run(program([f, main])).result), 'leak@40:1');
  assert.is(violationOf(run(program([f, main]), { checks: false }).result), 'exit 0');
});

test('static arrays are spans over static storage, mutable, and outlive every frame', () => {
  const statics = [{ name: 'tbl', elem: ty.int, values: [10n, 20n, 30n], span: S }];
  const tbl = { kind: 'Static' as const, name: 'tbl', ty: ty.span(ty.int), span: S };
  const bump = fn('bump', [], ty.unit, store(tbl, k(1n), op('add', load(tbl, k(1n)), k(1n))));
  const main = fn('main', [], ty.int, seq(call('bump', [], ty.unit), call('bump', [], ty.unit), writeln(fmtInt(load(tbl, k(1n)))), spanLen(tbl)));
  const r = run(program([bump, main], { statics }));
  assert.is(r.out, '22\n');
  assert.is(violationOf(r.result), 'exit 3');
});

test('records in memory default to zeroed fields', () => {
  const point = ty.record('Point');
  const e = let_('p', stackalloc(point, k(2n)), { kind: 'RecordGet', record: load(P(point), k(1n)), index: 1, ty: ty.float, span: S } as CExpr);
  const prog = program([fn('main', [], ty.int, seq(e, k(0n)))], { records: [['Point', [['X', ty.int], ['Y', ty.float]]]] });
  assert.is(violationOf(run(prog).result), 'exit 0');
});

test('region-escape: a use scope whose value refers to its region (checks on)', () => {
  // let r = Region.create in let res = Region.alloc r 2 in (release r; res)
  const R = v('r', ty.region);
  const rel: CExpr = { kind: 'RegionRelease', region: R, obs: [ob('double-release', 50), ob('region-escape', 50, 3)], ty: ty.unit, span: at(50) };
  const scope = (value: CExpr) => let_('r', regionCreate(), let_('res', value, seq(rel, v('res', value.ty))));
  assert.is(stopsWith(scope(regionAlloc(R, ty.int, k(2n)))), 'region-escape@50:3');
  assert.is(stopsWith(scope(regionAlloc(R, ty.int, k(2n))), false), 'ok'); // harmless until used
  assert.is(stopsWith(load(scope(regionAlloc(R, ty.int, k(2n))), k(0n), [], at(51)), false), 'use-after-release@51:1');
  assert.is(stopsWith(scope(k(7n))), 'ok');
  // A span of another (outer) region may leave the scope.
  const outer = let_('o', regionCreate(), scope(regionAlloc(v('o', ty.region), ty.int, k(1n))));
  assert.is(stopsWith(outer), 'ok');
});

test('slicing a span of dead memory: reported at the slice with checks, at the access without', () => {
  const A = v('a', ty.arena);
  const e = let_('a', arenaCreate(16n), let_('s', arenaAlloc(A, ty.int, k(2n)), seq(
    reset(A),
    let_('t', span(SP(), k(0n), k(1n), [ob('bounds', 60), ob('use-after-reset', 60, 2)]), load(SP('t'), k(0n), [], at(61))),
  )));
  assert.is(stopsWith(e), 'use-after-reset@60:2');
  assert.is(stopsWith(e, false), 'use-after-reset@61:1');
});

test.run();
