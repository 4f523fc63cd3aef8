// Run by z3-glue.test.ts in a child process (the glue is chosen once per process): one
// query that takes work, its answer and z3's unit count, and which glue answered it.
import { TermFactory } from '../../../verifier/smt/factory.ts';
import { bvSort, type Term } from '../../../verifier/smt/term.ts';
import { checkQuery, disposeSolvers } from '../../../verifier/smt/solver.ts';
import { z3WasmGlueEdited } from '../../../verifier/smt/z3wasm.ts';
import { z3ModuleCompiles } from '../../../verifier/smt/z3-glue.ts';

const f = new TermFactory();
const w = 6;
const [x, y, z] = ['dx', 'dy', 'dz'].map((n) => f.var(n, bvSort(w))) as [Term, Term, Term];
const lim = f.bv(8, w);
const zero = f.bv(0, w);
const ask = () => checkQuery({
  assertions: [
    f.not(f.eq(f.app('bvudiv', [f.app('bvudiv', [x, y]), z]), f.app('bvudiv', [x, f.app('bvmul', [y, z])]))),
    f.app('bvult', [y, lim]), f.app('bvult', [z, lim]), f.not(f.eq(y, zero)), f.not(f.eq(z, zero)),
  ],
  wantModel: [],
  description: 'udiv by two factors at once',
}, { timeoutMs: 120_000, rlimit: 10_000_000 });
const r = await ask();
// the same query in a new instance of z3 (after disposeSolvers), made from the module this
// process compiled already (z3-glue.ts compiledOnce)
await disposeSolvers();
const again = await ask();
console.log(JSON.stringify({ status: r.status, resources: r.resources, edited: z3WasmGlueEdited(), again: { status: again.status, resources: again.resources }, compiles: z3ModuleCompiles() }));
await disposeSolvers();
