// Emission snapshots of small programs: the key lines of each, checked one by one
// (module header, contracts, machine-integer operations, one assertion per obligation).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkFstarText } from '../../fstar/sanity.ts';
import { assertOnePerObligation, emitOf, hasLine, lineFor, obs } from './helpers.ts';

const ARITH = `
  [<Requires("a >= 0 && a <= 1000")>]
  [<Ensures("result >= a")>]
  let twice (a: int) : int = a + a

  let mix (x: byte) (y: int32) : int32 =
      let z = x + 1uy
      Wrapping.add y (int32 z) - y / 3l

  let main _ =
      Console.writeln (Format.int (twice 21))
      int (mix 2uy 7l)
`;

test('arithmetic: module header, Pure contracts, checked and wrapping machine operations', () => {
  const { core, m, lines } = emitOf(ARITH, 'arith.clef');
  assert.is(m.module, 'Clef.Arith');
  assert.is(lines[0], 'module Clef.Arith');
  hasLine(lines, 'open FStar.Mul');
  hasLine(lines, 'module I64 = FStar.Int64');
  hasLine(lines, 'let twice (a: I64.t)');
  hasLine(lines, ': Pure I64.t');
  hasLine(lines, 'I64.v a >= 0', 'I64.v a <= 1000');
  hasLine(lines, '(ensures (fun result ->');
  hasLine(lines, 'I64.v result >= I64.v a');
  // The overflow obligation is F*'s own precondition of I64.add, stated just before it.
  const [ov] = obs(core, 'twice', 'overflow');
  assert.is(lineFor(m, ov!.id).trim(), `assert (FStar.Int.size (I64.v a + I64.v a) 64); (* obligation ${ov!.id} *)`);
  const i = lines.findIndex((l) => l.includes(`(* obligation ${ov!.id} *)`));
  assert.match(lines[i + 1]!, /let t\d+ = I64\.add a a in/);
  // The postcondition is asserted on the result before returning.
  const [post] = obs(core, 'twice', 'postcondition');
  assert.match(lineFor(m, post!.id), /assert \(\(?I64\.v t\d+ >= I64\.v a\)?\); \(\* obligation twice\/postcondition\//);
  // Unsigned + wraps (add_mod); Wrapping.add on int32 uses the wrapping helper.
  hasLine(lines, 'U8.add_mod x 1uy');
  hasLine(lines, 'add_wrap_i32 y');
  hasLine(lines, 'let add_wrap_i32 (a b: I32.t)');
  hasLine(lines, 'Cast.uint8_to_int32 z');
  // Signed / carries div-by-zero and MinValue / -1, both as named assertions.
  const [dz] = obs(core, 'mix', 'div-by-zero');
  assert.ok(lineFor(m, dz!.id).includes('assert (I32.v 3l <> 0)'));
  hasLine(lines, '~(I32.v y = (-2147483648) /\\ I32.v 3l = (-1))');
  hasLine(lines, 'I32.div y 3l');
  // At the call, the callee's precondition with the argument substituted.
  const [pre] = obs(core, 'main', 'precondition');
  assert.ok(lineFor(m, pre!.id).includes('I64.v 21L >= 0'));
  hasLine(lines, 'twice 21L');
  hasLine(lines, 'console_writeln');
  assertOnePerObligation(core, m);
  assert.equal(checkFstarText(m.text), []);
});

const SPANS = `
  [<Requires("n >= 0 && n <= s.Length")>]
  [<Ensures("result >= 0")>]
  let countPositive (s: Span<int>) (n: int) : int =
      let mutable k = 0
      let mutable i = 0
      while i < n do
          Contract.invariant (0 <= i && i <= n && 0 <= k && k <= i)
          Contract.decreases (n - i)
          if s.[i] > 0 then k <- k + 1
          i <- i + 1
      k

  let fill (s: Span<int>) (v: int) =
      for i in 0 .. s.Length - 1 do
          s.[i] <- v

  let main _ =
      let p = NativePtr.stackalloc<int> 4
      let s = Span.ofPtr p 4
      fill s 3
      countPositive s 4
`;

test('memory: Low* buffers, Stack effect, loops as recursive helpers with decreases', () => {
  const { core, m, lines } = emitOf(SPANS, 'spans.clef');
  hasLine(lines, 'let countPositive (s: span I64.t) (n: I64.t)');
  hasLine(lines, ': HST.Stack I64.t');
  hasLine(lines, 'B.live h s.ptr');
  hasLine(lines, 'I64.v n <= U32.v s.len');
  // The loop: a local recursive function of the variables it updates.
  hasLine(lines, 'let rec loop_6 (k: I64.t) (i: I64.t)');
  hasLine(lines, ': HST.Stack (I64.t & I64.t)');
  hasLine(lines, '(decreases (if (I64.v i < I64.v n) then (I64.v n - I64.v i) + 1 else 0))');
  hasLine(lines, '(I64.v i < I64.v n) ==>');
  hasLine(lines, 'let (k, i) = loop_6 k i in');
  const [inv] = obs(core, 'countPositive', 'invariant');
  assert.match(lineFor(m, inv!.id), /^\s*assert \(.*0 <= I64\.v i.*\); \(\* obligation countPositive\/invariant\/7:9 \*\)$/);
  const [term] = obs(core, 'countPositive', 'termination');
  assert.match(lineFor(m, term!.id), /assert \(0 <= \(I64\.v n - I64\.v i\)\); \(\* obligation countPositive\/termination\/8:9 \*\)/);
  const [b] = obs(core, 'countPositive', 'bounds');
  assert.ok(lineFor(m, b!.id).includes('assert (0 <= I64.v i /\\ I64.v i < U32.v s.len)'));
  hasLine(lines, 'span_get s i');
  // A `for` loop gets a measure derived from its bounds, and its writes a modifies clause.
  hasLine(lines, '(decreases (if i_more then I64.v i_end - I64.v i + 1 else 0))');
  hasLine(lines, 'B.modifies (B.loc_buffer s.ptr) h0 h1');
  hasLine(lines, 'span_set s i v;');
  // Stack allocation in its own frame.
  hasLine(lines, 'HST.push_frame ();');
  hasLine(lines, 'B.alloca 0L (U32.uint_to_t (I64.v 4L))');
  hasLine(lines, 'span_of_ptr p 4L');
  hasLine(lines, 'HST.pop_frame ();');
  // The prelude has the operations used, and only those.
  hasLine(lines, 'let span_get (#a: Type0) (s: span a) (i: I64.t) : HST.Stack a');
  assert.not.ok(m.text.includes('arena_create'), 'no arena interface in a program without arenas');
  assertOnePerObligation(core, m);
  assert.equal(checkFstarText(m.text), []);
});

const DATA = `
  type Shape =
      | Circle of r: int
      | Square of side: int

  [<Requires("n >= 0 && n <= 100")>]
  let rec sumTo (n: int) : int =
      Contract.decreases n
      if n = 0 then 0 else n + sumTo (n - 1)

  let area (s: Shape) : int =
      match s with
      | Circle r -> 3 * r * r
      | Square side -> side * side

  let first (o: int option) : int =
      match o with
      | Some v -> v

  let main _ =
      let x = sumTo 10
      area (Circle x) + first (Some 1)
`;

test('recursion and data: decreases, unions as inductive types, match as discriminators', () => {
  const { core, m, lines } = emitOf(DATA, 'data.clef');
  hasLine(lines, 'type shape =');
  hasLine(lines, '| Shape_Circle : r: I64.t -> shape');
  hasLine(lines, '| Shape_Square : side: I64.t -> shape');
  hasLine(lines, 'let rec sumTo (n: I64.t)');
  hasLine(lines, '(decreases (I64.v n))');
  const [term] = obs(core, 'sumTo', 'termination');
  assert.ok(lineFor(m, term!.id).includes('assert (0 <= I64.v n)'));
  // The recursive call's precondition, on the argument.
  const [pre] = obs(core, 'sumTo', 'precondition');
  assert.match(lineFor(m, pre!.id), /I64\.v t\d+ >= 0/);
  hasLine(lines, 'Shape_Circle? s');
  hasLine(lines, 'Shape_Circle?.r s');
  hasLine(lines, '(Shape_Circle x)');
  hasLine(lines, '(Some #I64.t 1L)');
  // A match that is not exhaustive: its obligation is `False` where no case matched.
  const [mx] = obs(core, 'first', 'match-exhaustive');
  assert.ok(lineFor(m, mx!.id).includes('assert (False)'));
  hasLine(lines, 'false_elim #I64.t ()');
  hasLine(lines, ': Pure I64.t');
  assertOnePerObligation(core, m);
  assert.equal(checkFstarText(m.text), []);
});

const REGIONS = `
  let build (a: Arena) (n: int) : Span<int> =
      use r = Region.create ()
      let tmp = Region.alloc<int> r n
      Region.copyOut a tmp

  let main _ =
      let a = Arena.create 256
      let s = build a 4
      let t = Arena.alloc<int64> a 2
      t.[0] <- s.Length
      Arena.reset a
      0
`;

test('arenas and regions: ST effect, capacity, release and escape as assertions', () => {
  const { core, m, lines } = emitOf(REGIONS, 'regions.clef');
  hasLine(lines, ': HST.ST (span I64.t)');
  hasLine(lines, 'arena_live h a');
  hasLine(lines, 'B.modifies (arena_footprint a) h0 h1');
  hasLine(lines, 'let r = region_create () in');
  hasLine(lines, 'region_alloc #I64.t r 0L n');
  const [cap] = obs(core, 'build', 'arena-capacity');
  assert.ok(lineFor(m, cap!.id).includes('align_up (arena_used h a) 8 + 8 * U32.v tmp.len <= arena_cap a'));
  const [dbl] = obs(core, 'build', 'double-release');
  assert.ok(lineFor(m, dbl!.id).includes('assert (region_live h r)'));
  hasLine(lines, 'region_release r;');
  const [esc] = obs(core, 'build', 'region-escape');
  assert.match(lineFor(m, esc!.id), /assert \(B\.live h \w+\.ptr\)/);
  hasLine(lines, 'arena_create 256UL');
  hasLine(lines, 'arena_alloc #I64.t a 0L 8 2L');
  hasLine(lines, 'arena_reset a;');
  hasLine(lines, 'assume val region_release: r: region -> HST.ST unit');
  assertOnePerObligation(core, m);
  assert.equal(checkFstarText(m.text), []);
});

test('Clef names never capture the names the emitted code relies on', () => {
  const { m, lines } = emitOf(`
    [<Ensures("result >= 0")>]
    let f (s: Span<int>) (h: int) (t1: int) (span: int) : int =
        let result = h + t1 + span
        if s.Length > 0 then s.[0] <- result
        if result < 0 then 0 else result
  `);
  // Parameters keep their names, so the heap becomes h_1; `span` (the prelude's type) and
  // the local `result` (the ensures binder) are renamed.
  hasLine(lines, 'let f (s: span I64.t) (h: I64.t) (t1: I64.t) (span_1: I64.t)');
  hasLine(lines, '(requires (fun h_1 ->');
  hasLine(lines, 'B.live h_1 s.ptr');
  hasLine(lines, '(ensures (fun h0 result h1 ->');
  assert.ok(!/let t1 = /.test(m.text), 'temporaries skip the Clef name t1');
  hasLine(lines, 'I64.add h t1');
  hasLine(lines, 'let result_1 = I64.add');
  assert.equal(checkFstarText(m.text), []);
});

test('the table maps ids to the F* definition that checks them', () => {
  const { core, m } = emitOf(SPANS, 'spans.clef');
  const [inv] = obs(core, 'countPositive', 'invariant');
  const row = m.table.find((t) => t.id === inv!.id)!;
  assert.is(row.fstarName, 'Clef.Spans.countPositive.loop_6');
  const [b] = obs(core, 'main', 'bounds');
  assert.is(m.table.find((t) => t.id === b!.id)!.fstarName, 'Clef.Spans.main');
  // Lines are 1-based lines of the text.
  for (const t of m.table) assert.ok(t.line >= 1 && t.line <= m.text.split('\n').length);
});

test('a loop invariant that indexes: the index is named on the invariant assertion it belongs to', () => {
  const { core, m } = emitOf(`
    [<Requires("n >= 1 && n <= s.Length")>]
    let lastPositive (s: Span<int>) (n: int) : int =
        let mutable i = 0
        while i < n - 1 do
            Contract.invariant (i >= 0 && i < n && s.[i] = s.[i])
            i <- i + 1
        i
  `);
  assertOnePerObligation(core, m);
  const [inv] = obs(core, 'lastPositive', 'invariant');
  const inner = obs(core, 'lastPositive', 'bounds').filter((o) => o.span.line === 5);
  assert.ok(inner.length > 0);
  for (const o of inner) assert.is(lineFor(m, o.id), lineFor(m, inv!.id));
});

test.run();
