// Ops of MLIR dialects whose custom syntax the parser does not know, read by their shape
// (custom-unknown.ts): mlir-opt-19's own output of many such ops parses, each op keeps its
// name, result count, values, regions and attributes, the types its text gives (checked
// against mlir-opt's generic form), and its text (printed back, mlir-opt reads it to the same
// module). What mlir-opt-19 rejects stays an error with file:line:col. And ub.poison, which
// the parser now knows.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Module, Operation } from '../../../compiler/mlir/ir.ts';
import { getAttr, i, sameData, topModule, walk } from '../../../compiler/mlir/ir.ts';
import { parseMlir } from '../../../compiler/mlir/parse.ts';
import { printMlir } from '../../../compiler/mlir/print.ts';
import { printMlirCustom } from '../../../compiler/mlir/print-custom.ts';
import { printType } from '../../../compiler/mlir/print-type-attr.ts';
import { customParser } from '../../../compiler/mlir/custom-registry.ts';
import { supportedOps } from '../../../verifier/semantics/mlir/ops.ts';
import { mlirOptBatch } from './mlir-opt.ts';
import { errorOf } from './parse-error.ts';

const ZOO = `#map = affine_map<(d0, d1) -> (d1, d0)>
#set = affine_set<(d0) : (d0 - 2 >= 0, -d0 + 10 >= 0)>
func.func @vec(%v: vector<4xi32>) -> i32 {
  %0 = vector.extract %v[1] : i32 from vector<4xi32>
  %1 = vector.insert %0, %v [2] : i32 into vector<4xi32>
  %2 = vector.reduction <add>, %1 : vector<4xi32> into i32
  %3 = vector.broadcast %2 : i32 to vector<8xi32>
  %4 = arith.addi %3, %3 : vector<8xi32>
  %5 = vector.shuffle %v, %v [0, 5, 2, 7] : vector<4xi32>, vector<4xi32>
  %6 = vector.extractelement %v[%2 : i32] : vector<4xi32>
  return %2 : i32
}
func.func @mem(%m: memref<2x3xf32>, %t: memref<4x4xf32, #map>, %i: index, %tt: tensor<?xf32>) -> f32 {
  %c = memref.collapse_shape %m [[0, 1]] : memref<2x3xf32> into memref<6xf32>
  %e = memref.expand_shape %c [[0, 1]] output_shape [3, 2] : memref<6xf32> into memref<3x2xf32>
  %x = memref.load %c[%i] : memref<6xf32>
  %y = memref.load %t[%i, %i] : memref<4x4xf32, #map>
  %r = memref.rank %m : memref<2x3xf32>
  %d = tensor.dim %tt, %i : tensor<?xf32>
  %l = affine.load %c[%i + 3] : memref<6xf32>
  %a = memref.atomic_rmw addf %x, %c[%i] : (f32, memref<6xf32>) -> f32
  %z = arith.addf %x, %y : f32
  return %z : f32
}
func.func @misc(%a: i32, %b: index, %f: f32) -> i32 {
  %0 = math.absi %a : i32
  %1 = math.ctlz %0 : i32
  %2 = index.add %b, %b
  %3 = math.sqrt %f fastmath<fast> : f32
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    scf.reduce
  }
  scf.forall (%i, %j) in (4, 5) {
  }
  affine.for %k = 0 to 10 {
    affine.if #set(%k) {
      %u = affine.apply affine_map<(d0) -> (d0 floordiv 2)>(%k)
    }
  }
  %cx = complex.create %f, %f : complex<f32>
  %4 = arith.addi %0, %1 : i32
  return %4 : i32
}
func.func @lin(%A: memref<4xf32>, %B: memref<4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%A : memref<4xf32>) outs(%B : memref<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  }
  %t = tensor.empty() : tensor<4xf32>
  %g = tensor.generate {
  ^bb0(%i: index):
    %z = arith.constant 0.0 : f32
    tensor.yield %z : f32
  } : tensor<4xf32>
  return
}
`;

const custom = mlirOptBatch([ZOO], [])[0]!;
const genericText = mlirOptBatch([ZOO], ['--mlir-print-op-generic'])[0]!;

/** The ops of each function's entry block, by function name. */
function bodies(m: Module): Map<string, Operation[]> {
  const out = new Map<string, Operation[]>();
  for (const op of (topModule(m) ?? { regions: [{ blocks: [{ ops: m.ops }] }] }).regions[0]!.blocks[0]!.ops) {
    const name = getAttr(op.properties, 'sym_name');
    if (op.name === 'func.func' && name?.kind === 'string') out.set(name.value, op.regions[0]!.blocks[0]!.ops);
  }
  return out;
}

test("mlir-opt-19's custom form of ops the parser does not know parses; each op as the generic form has it", () => {
  const mine = parseMlir(custom, 'zoo.mlir');
  const theirs = parseMlir(genericText, 'zoo.generic.mlir');
  const a = bodies(mine);
  const b = bodies(theirs);
  assert.equal([...a.keys()], ['vec', 'mem', 'misc', 'lin']);
  let read = 0;
  let typed = 0;
  for (const [fn, ops] of a) {
    const other = b.get(fn)!;
    assert.equal(ops.map((o) => o.name), other.map((o) => o.name), fn);
    ops.forEach((op, k) => {
      const g = other[k]!;
      assert.is(op.results.length, g.results.length, op.name);
      assert.is(op.regions.length, g.regions.length, op.name);
      if (op.unparsed === undefined) {
        // known ops are read exactly, also next to unknown ones
        assert.is(customParser(op.name) !== undefined, true, op.name);
        return;
      }
      read++;
      // a type the text gives by convention is the type mlir-opt has; else it is unknown ('?')
      op.results.forEach((r, j) => {
        if (printType(r.type) === '?') return;
        typed++;
        assert.is(printType(r.type), printType(g.results[j]!.type), `${fn}: ${op.name} result ${j}`);
      });
      op.operands.forEach((o) => {
        if (printType(o.type) !== '?') assert.ok(g.operands.some((x) => printType(x.type) === printType(o.type)), `${op.name} operand %${o.name}`);
      });
    });
  }
  assert.ok(read >= 20, `${read} ops read by their shape`);
  assert.ok(typed >= 12, `${typed} result types read`);
});

test('values, regions and attribute dictionaries of such ops', () => {
  const f = bodies(parseMlir(custom, 'zoo.mlir'));
  const [ex] = f.get('vec')!;
  assert.is(ex!.name, 'vector.extract');
  assert.equal(ex!.operands.map((o) => o.name), ['arg0']);
  assert.equal(ex!.results[0]!.type, i(32));
  assert.is(ex!.unparsed, ' %arg0[1] : i32 from vector<4xi32>');
  const lin = f.get('lin')!;
  const g = lin[0]!;
  assert.is(g.name, 'linalg.generic');
  assert.equal(g.attributes.map((a) => a.name), ['indexing_maps', 'iterator_types']);
  // typed operands inside brackets (`ins(%a : T)`) keep their types
  assert.equal(g.operands.map((o) => `${o.name}: ${printType(o.type)}`), ['arg0: memref<4xf32>', 'arg1: memref<4xf32>']);
  assert.equal(g.regions[0]!.blocks[0]!.args.map((a) => a.name), ['in', 'out']);
  assert.equal(g.regions[0]!.blocks[0]!.ops.map((o) => o.name), ['arith.addf', 'linalg.yield']);
  const gen = lin.find((o) => o.name === 'tensor.generate')!;
  assert.is(printType(gen.results[0]!.type), 'tensor<4xf32>');
  const par = f.get('misc')!.find((o) => o.name === 'scf.parallel')!;
  for (const n of ['c0', 'c4', 'c1']) assert.ok(par.operands.some((o) => o.name === n), n);
  assert.is(par.regions[0]!.blocks[0]!.ops[0]!.name, 'scf.reduce');
  // `%k = 0 to 10`: an induction variable is no operand of the op that defines it
  const affine = f.get('misc')!.find((o) => o.name === 'affine.for')!;
  assert.equal(affine.operands, []);
  assert.is(affine.regions[0]!.blocks[0]!.ops[0]!.name, 'affine.if');
});

test('printed back (generic and custom printers), mlir-opt-19 reads the text to the same module', () => {
  const m = parseMlir(custom, 'zoo.mlir');
  for (const printed of [printMlir(m), printMlirCustom(m)]) {
    assert.ok(sameData(parseMlir(printed, 'printed.mlir'), m));
    // the aliases (#map, #set) are spelled out in an op's own text: the printer writes no aliases
    const [again, original] = mlirOptBatch([printed, custom], []);
    assert.is(again, original);
  }
});

test('what mlir-opt-19 rejects stays an error at its file:line:col', () => {
  const fn = (line: string) => `func.func @f(%a: i32, %v: vector<4xi32>) {\n  ${line}\n  return\n}`;
  const cases: [string, RegExp][] = [
    // no dialect of mlir-opt-19's, or an op that a fully parsed dialect does not have
    [fn('%0 = acme.frob %a : i32'), /^bad\.mlir:2:8: error: unknown operation 'acme\.frob' in custom form/],
    [fn('%0 = arith.addx %a, %a : i32'), /^bad\.mlir:2:8: error: unknown operation 'arith\.addx' in custom form/],
    [fn('%0 = ub.freeze %a : i32'), /^bad\.mlir:2:8: error: unknown operation 'ub\.freeze' in custom form/],
    ['func.func @f() {\n  retrun\n}', /^bad\.mlir:2:3: error: unknown operation 'retrun'/],
    // brackets of an op read by its shape must balance
    [fn('%0 = vector.extract %v[1 : i32 from vector<4xi32>'), /^bad\.mlir:2:25: error: expected '\]' to close the bracket at this op/],
    [fn('%0 = vector.extract %v[1] : i32 from vector<4xi32'), /^bad\.mlir:2:46: error: unbalanced '\}'/],
    [fn('vector.print %v : vector<4xi32> )'), /^bad\.mlir:2:35: error: expected an operation, found '\)'/],
    ['func.func @f() {\n  scf.forall (%i) in (4) {\n', /^bad\.mlir:3:1: error: expected '}' to close a region/],
  ];
  for (const [text, re] of cases) assert.match(errorOf(text), re, text);
});

test('an op read by its shape ends where a registered op starts on the same line, as for mlir-opt-19 (review 28: a function after a global_ctors on its line vanished unchecked)', () => {
  const text = `llvm.mlir.global_ctors {ctors = [@init], priorities = [0 : i32]} func.func @g(%a: i32) -> i32 {
  %0 = math.absi %a : i32 %1 = arith.addi %0, %a : i32 %2:2 = arith.addui_extended %1, %a : i32, i1 vector.print %1 : i32 %3 = "arith.addi"(%2#0, %a) : (i32, i32) -> i32
  return %3 : i32
}
llvm.func @init() {
  llvm.return
}`;
  const names = (m: Module) => {
    const top = (topModule(m) ?? { regions: [{ blocks: [{ ops: m.ops }] }] }).regions[0]!.blocks[0]!.ops;
    return [top.map((o) => o.name), top.find((o) => o.name === 'func.func')?.regions[0]!.blocks[0]!.ops.map((o) => `${o.results.length} ${o.name}`)];
  };
  const mine = names(parseMlir(text, 'line.mlir'));
  assert.equal(mine, names(parseMlir(mlirOptBatch([text], ['--mlir-print-op-generic'])[0]!, 'line.generic.mlir')));
  assert.equal(mine[0], ['llvm.mlir.global_ctors', 'func.func', 'llvm.func']);
  // and goes on over a line that starts with operands, not result names (was an error)
  const cont = `func.func @g(%a: vector<4xf32>, %b: vector<4xf32>) -> vector<4xf32> {\n  %0 = vector.fma %a,\n    %b, %a : vector<4xf32>\n  return %0 : vector<4xf32>\n}`;
  assert.equal(names(parseMlir(cont, 'cont.mlir')), names(parseMlir(mlirOptBatch([cont], ['--mlir-print-op-generic'])[0]!, 'cont.generic.mlir')));
});

test('an attribute dictionary written over lines is a dictionary, not a region (review 28)', () => {
  const text = `func.func @lin(%A: memref<4xf32>, %B: memref<4xf32>) {
  linalg.generic {
    indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
    // a comment
    "iterator_types" = ["parallel"]
  } ins(%A : memref<4xf32>) outs(%B : memref<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}`;
  const g = bodies(parseMlir(text, 'lin.mlir')).get('lin')![0]!;
  assert.is(g.name, 'linalg.generic');
  assert.equal(g.attributes.map((a) => a.name), ['indexing_maps', 'iterator_types']);
  assert.is(g.regions.length, 1);
  assert.equal(g.regions[0]!.blocks[0]!.ops.map((o) => o.name), ['linalg.yield']);
});

test('every op the semantics defines has a parser of its own: none is read by its shape (and so guessed at)', () => {
  assert.equal(supportedOps().filter((n) => !customParser(n)), []);
});

test('ub.poison: custom and generic forms are one op; the printer writes the custom form back', () => {
  const c = parseMlir('%0 = ub.poison : i32\n%1 = ub.poison {a = 1 : i64} <#foo.poison> : f32', 'u.mlir');
  const g = parseMlir('%0 = "ub.poison"() <{value = #ub.poison}> : () -> i32\n%1 = "ub.poison"() <{value = #foo.poison}> {a = 1 : i64} : () -> f32', 'g.mlir');
  assert.equal(c, g);
  assert.is(c.ops[0]!.unparsed, undefined);
  assert.is(printMlirCustom(c), '%0 = ub.poison : i32\n%1 = ub.poison {a = 1 : i64} <#foo.poison> : f32\n');
});

test.run();
