// Prints the standalone program of one generated unit: `npx tsx show.ts SEED`
// (the seed a disagreement names), ready for `fidelity run` and `fidelity run --interp --no-checks`.
import { generateProgram } from '../../../compiler/gen/program.ts';

const seed = Number(process.argv[2]);
if (!Number.isInteger(seed)) {
  console.error('usage: npx tsx tests/compiler/differential/show.ts SEED');
  process.exit(2);
}
process.stdout.write(generateProgram(seed));
