import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { warnings } from './helpers.ts';

test('a missing union case is reported by name', () => {
  assert.equal(
    warnings(`
      let f (o: int option) =
          match o with
          | Some x -> x
    `),
    ["2:5: incomplete match: the case 'None' is not covered"],
  );
});

test('a missing case with a payload shows its shape', () => {
  assert.equal(
    warnings(`
      type Cmd = Push of int | Pop | Jump of at: int * cond: bool
      let f (c: Cmd) =
          match c with
          | Push n -> n
          | Pop -> 0
    `),
    ["3:5: incomplete match: the case 'Jump (_, _)' is not covered"],
  );
});

test('exhaustive matches give no warning', () => {
  assert.equal(
    warnings(`
      type Cmd = Push of int | Pop
      let f (c: Cmd) (b: bool) (o: bool option) =
          let a = match c with
                  | Push _ -> 1
                  | Pop -> 2
          let x = match b with
                  | true -> 1
                  | false -> 0
          match o with
          | Some true -> a
          | Some false -> x
          | None -> 0
    `),
    [],
  );
});

test('bool, nested options and tuples', () => {
  assert.equal(
    warnings(`
      let f (b: bool) =
          match b with
          | true -> 1
    `),
    ["2:5: incomplete match: e.g. the value 'false' is not covered"],
  );
  assert.equal(
    warnings(`
      let f (o: bool option) =
          match o with
          | Some true -> 1
          | None -> 0
    `),
    ["2:5: incomplete match: the case 'Some false' is not covered"],
  );
  assert.equal(
    warnings(`
      let f (a: bool) (b: int option) =
          match (a, b) with
          | (true, _) -> 1
          | (false, Some _) -> 2
    `),
    ["2:5: incomplete match: e.g. the value '(false, None)' is not covered"],
  );
});

test('integer and string literals are never exhaustive without a wildcard', () => {
  assert.equal(
    warnings(`
      let f (n: int) =
          match n with
          | 0 -> "zero"
          | 1 | 2 -> "small"
    `),
    ["2:5: incomplete match: e.g. the value '3' is not covered"],
  );
  assert.equal(
    warnings(`
      let f (s: string) =
          match s with
          | "a" -> 1
          | _ -> 0
    `),
    [],
  );
});

test('guarded rules do not count as covering', () => {
  assert.equal(
    warnings(`
      let f (n: int option) =
          match n with
          | Some x when x > 0 -> 1
          | None -> 0
    `),
    ["2:5: incomplete match: the case 'Some _' is not covered"],
  );
});

test('a rule that can never match is reported', () => {
  assert.equal(
    warnings(`
      let f (n: int option) =
          match n with
          | _ -> 0
          | Some x -> 1
    `),
    ['4:7: this rule is never matched (earlier rules cover it)'],
  );
});

test('record patterns', () => {
  assert.equal(
    warnings(`
      type R = { On: bool; N: int }
      let f (r: R) =
          match r with
          | { On = true } -> 1
    `),
    ["3:5: incomplete match: e.g. the value '{ On = false }' is not covered"],
  );
});

test('a refutable let pattern is an incomplete match too', () => {
  assert.equal(
    warnings(`
      let f (o: int option) =
          let (Some x) = o
          x
    `),
    ["2:10: incomplete match: the case 'None' is not covered"],
  );
});

test.run();
