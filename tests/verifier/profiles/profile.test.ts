// Target profiles: what `embedded` rejects, and the stack-budget verdicts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frontEndText } from '../../../compiler/frontend.ts';
import type { CoreProgram } from '../../../compiler/core/core.ts';
import { DiagnosticError } from '../../../compiler/diagnostics.ts';
import { checkProfile, FRAME_OVERHEAD, frameOf, isTarget, profileError } from '../../../verifier/profiles/index.ts';

function src(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

function core(text: string): CoreProgram {
  return frontEndText('t.clef', src(text)).core;
}

const REGION = `
  let total (n: int) : int =
      use r = Region.create ()
      let s = Region.alloc<int> r 4
      s.[0] <- n
      s.[0]

  let main _ = total 3
`;

test('embedded rejects Region, naming the place; mid and server accept it', () => {
  const p = core(REGION);
  const r = checkProfile(p, { target: 'embedded' });
  assert.is(r.errors.length, 1);
  const e = r.errors[0]!;
  assert.is(`${e.span.line}:${e.span.col}`, '2:13');
  assert.match(e.message, /embedded target has no regions: Region\.create in total/);
  const err = profileError(r);
  assert.ok(err instanceof DiagnosticError);
  assert.match(err!.message, /t\.clef:2:13: error: /);
  for (const target of ['mid', 'server'] as const) {
    const ok = checkProfile(p, { target });
    assert.equal(ok.errors, []);
    assert.is(ok.stackBudget, null);
    assert.is(profileError(ok), null);
  }
});

test('embedded requires a decreases on every call cycle', () => {
  const noMeasure = core(`
    let rec countdown (n: int) : int = if n <= 0 then 0 else countdown (n - 1)
    let main _ = countdown 3
  `);
  const r = checkProfile(noMeasure, { target: 'embedded' });
  assert.is(r.errors.length, 1);
  assert.match(r.errors[0]!.message, /recursive function countdown without Contract\.decreases.*\(countdown -> countdown\)/);
  assert.is(r.errors[0]!.span.line, 1);

  const mutual = core(`
    let rec isEven (n: int) : bool = if n <= 0 then n = 0 else isOdd (n - 1)
    and isOdd (n: int) : bool = if n <= 0 then false else isEven (n - 1)
    let main _ = if isEven 4 then 0 else 1
  `);
  const m = checkProfile(mutual, { target: 'embedded' });
  assert.is(m.errors.length, 1);
  assert.match(m.errors[0]!.message, /mutually recursive functions isEven, isOdd .*isEven -> isOdd -> isEven/);

  // One measure on the cycle is enough: every trip round it passes a decreasing measure.
  const oneMeasure = core(`
    [<Requires("n >= 0")>]
    let rec isEven (n: int) : bool =
        Contract.decreases n
        if n <= 0 then n = 0 else isOdd (n - 1)
    and isOdd (n: int) : bool = if n <= 0 then false else isEven (n - 1)
    let main _ = if isEven 4 then 0 else 1
  `);
  assert.equal(checkProfile(oneMeasure, { target: 'embedded' }).errors, []);
  assert.equal(checkProfile(noMeasure, { target: 'server' }).errors, []);
});

test('stack budget proved: the deepest path of frames plus static storage', () => {
  const p = core(`
    let table = [| 1; 2; 3; 4 |]
    let leaf (x: int) : int =
        let p = NativePtr.stackalloc<int64> 100
        NativePtr.set p 0 x
        NativePtr.get p 0
    let mid (x: int) : int = leaf x + table.[0]
    let main _ = mid 1
  `);
  const r = checkProfile(p, { target: 'embedded' });
  assert.equal(r.errors, []);
  const b = r.stackBudget!;
  assert.is(b.verdict, 'proved');
  assert.is(b.category, 'stack-budget');
  assert.is(b.staticBytes, 32);
  // Frames: the overhead, one 8-byte slot per parameter and let, the 800-byte stackalloc.
  const leaf = frameOf(p, p.functions.find((f) => f.name === 'leaf')!);
  assert.is(leaf.bytes, FRAME_OVERHEAD + 8 + 8 + 800);
  assert.equal(b.path.map((s) => s.fn), ['main', 'mid', 'leaf']);
  const total = b.path.reduce((n, s) => n + s.frameBytes, 0) + 32;
  assert.is(b.usedBytes, total);
  assert.match(b.detail, new RegExp(`^uses ${total} of 65536 bytes: main \\(\\d+\\) -> mid \\(\\d+\\) -> leaf \\(880\\); static 32$`));
  const main = p.functions.find((f) => f.name === 'main')!;
  assert.is(b.id, `main/stack-budget/${main.span.line}:${main.span.col}`);
});

test('stack budget refuted: an allocation every run makes exceeds the budget, located there', () => {
  const p = core(`
    let render (n: int) : int =
        let fb = NativePtr.stackalloc<byte> 70000
        NativePtr.set fb 0 (byte n)
        int (NativePtr.get fb 0)
    let main _ = render 1
  `);
  const b = checkProfile(p, { target: 'embedded' }).stackBudget!;
  assert.is(b.verdict, 'refuted');
  assert.match(b.detail, /^uses at least \d+ of 65536 bytes on every run: main -> render/);
  assert.is(b.id, 'render/stack-budget/2:14');
  // The same program fits a bigger budget.
  assert.is(checkProfile(p, { target: 'embedded', memoryBudget: 128 * 1024 }).stackBudget!.verdict, 'proved');
});

test('stack budget: a conditional allocation over the budget is unknown, not refuted', () => {
  const p = core(`
    let render (n: int) : int =
        if n > 100 then
            let fb = NativePtr.stackalloc<byte> 70000
            NativePtr.set fb 0 (byte n)
            int (NativePtr.get fb 0)
        else 0
    let main _ = render 1
  `);
  const b = checkProfile(p, { target: 'embedded', run: false }).stackBudget!;
  assert.is(b.verdict, 'unknown');
  assert.match(b.detail, /^between \d+ and \d+ of 65536 bytes/);
});

test('stack budget with recursion: depth from Requires and decreases, else unknown', () => {
  const bounded = core(`
    [<Requires("n >= 0 && n <= 100")>]
    let rec sum (n: int) : int =
        Contract.decreases n
        if n = 0 then 0 else n + sum (n - 1)
    let main _ = sum 100
  `);
  const b = checkProfile(bounded, { target: 'embedded' }).stackBudget!;
  assert.is(b.verdict, 'proved');
  assert.ok(b.path.some((s) => s.fn === 'sum' && s.frames === 101), 'sum counted 101 times');
  assert.match(b.detail, /sum \(\d+ x 101\)/);

  const unbounded = core(`
    [<Requires("n >= 0")>]
    let rec sum (n: int) : int =
        Contract.decreases n
        if n = 0 then 0 else n + sum (n - 1)
    let main _ = sum 10
  `);
  const u = checkProfile(unbounded, { target: 'embedded' }).stackBudget!;
  assert.is(u.verdict, 'unknown');
  assert.match(u.detail, /recursion depth unknown: the measure of sum may reach 9223372036854775807/);

  // A run that really nests deeper than the budget allows refutes it, at the recursive call.
  const deep = core(`
    [<Requires("n >= 0")>]
    let rec sum (n: int) : int =
        Contract.decreases n
        let scratch = NativePtr.stackalloc<int64> 16
        NativePtr.set scratch 0 n
        if n = 0 then 0 else NativePtr.get scratch 0 + sum (n - 1)
    let main _ = sum 5000
  `);
  const d = checkProfile(deep, { target: 'embedded' }).stackBudget!;
  assert.is(d.verdict, 'refuted');
  assert.match(d.detail, /^a run of main nests more than \d+ calls/);
  assert.is(d.id, 'sum/stack-budget/6:52');
  assert.is(checkProfile(deep, { target: 'embedded', run: false }).stackBudget!.verdict, 'unknown');
});

test('stack budget: a stackalloc of a non-constant count has no bound', () => {
  const p = core(`
    let fill (n: int) : int =
        let p = NativePtr.stackalloc<int> n
        NativePtr.set p 0 1
        NativePtr.get p 0
    let main _ = fill 4
  `);
  const b = checkProfile(p, { target: 'embedded' }).stackBudget!;
  assert.is(b.verdict, 'unknown');
  assert.match(b.detail, /the frame of fill has no bound: NativePtr\.stackalloc of a non-constant count at 2:13/);
});

test('arena capacity and static storage count against the budget', () => {
  const p = core(`
    let log = Array.zeroCreate<uint32> 8192
    let main _ =
        let a = Arena.create 40000
        let s = Arena.alloc<byte> a 8
        s.[0] <- 1uy
        log.[0] <- 1u
        0
  `);
  const b = checkProfile(p, { target: 'embedded' }).stackBudget!;
  assert.is(b.staticBytes, 32768);
  assert.is(b.verdict, 'refuted');
  assert.is(b.id, 'main/stack-budget/3:13');
});

test('targets', () => {
  assert.ok(isTarget('embedded') && isTarget('mid') && isTarget('server'));
  assert.not.ok(isTarget('desktop'));
});

test.run();
