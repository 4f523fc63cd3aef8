// The `fidelity` command line: parses the subcommand and hands off. No logic lives here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './cli/args.ts';
import { fileURLToPath } from 'node:url';
import { reportError } from './cli/output.ts';

// A reader that stops early (`fidelity tv a b | head`) closes the pipe: that ends the output,
// it is not an internal error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

// Last line of defence: verifier/smt/z3-crash.ts turns a WASM z3 that dies under a call into
// `unknown` and a new module, but an abort it does not know of, thrown from one of z3's worker
// threads' events, would end the run with a stack: one line instead. Any other uncaught error
// is an internal error as reportError reports one (exit 4, the stack under FIDELITY_DEBUG):
// Node's default, a stack and status 1, reads as `refuted` to a script (review 28).
process.on('uncaughtException', (e: Error) => {
  if (e instanceof WebAssembly.RuntimeError || /^Aborted\(/.test(e?.message ?? '')) {
    process.stderr.write(`fidelity: the solver (z3, WASM) crashed: ${String(e.message).split('\n')[0]!.slice(0, 300)}\n`);
    process.exit(4);
  }
  process.exit(reportError(e, null));
});

// Commands are loaded on use, so `--version` or `check` does not pay for the interpreter.
type CommandModule = { help: string; run: (argv: string[]) => number | Promise<number> };
type Command = { summary: string; load: () => Promise<CommandModule> };

const commands: Record<string, Command> = {
  check: {
    summary: 'parse, type-check and elaborate Clef sources',
    load: async () => {
      const m = await import('./cli/check.ts');
      return { help: m.checkHelp, run: m.checkCommand };
    },
  },
  run: {
    summary: 'run a program natively (--interp: in the reference interpreter)',
    load: async () => {
      const m = await import('./cli/run.ts');
      return { help: m.runHelp, run: m.runCommand };
    },
  },
  compile: {
    summary: 'compile: --emit ast|core|mlir|llvm-mlir|llvm|exe, --stages DIR',
    load: async () => {
      const m = await import('./cli/compile.ts');
      return { help: m.compileHelp, run: m.compileCommand };
    },
  },
  tv: {
    summary: 'translation validation of two MLIR files, function by function',
    load: async () => {
      const m = await import('./cli/tv.ts');
      return { help: m.tvHelp, run: m.tvCommand };
    },
  },
  validate: {
    summary: 'validate every pass of a program\'s pipeline (pass x function table)',
    load: async () => {
      const m = await import('./cli/validate.ts');
      return { help: m.validateHelp, run: m.validateCommand };
    },
  },
  audit: {
    summary: 'run one extra mlir-opt pass on programs and validate it',
    load: async () => {
      const m = await import('./cli/validate.ts');
      return { help: m.auditHelp, run: m.auditCommand };
    },
  },
  prove: {
    summary: 'prove safety obligations and contracts, emit F*, validate every pass',
    load: async () => {
      const m = await import('./cli/prove.ts');
      return { help: m.proveHelp, run: m.proveCommand };
    },
  },
  start: {
    summary: 'the main job: run the corpus, then prove it',
    load: async () => {
      const m = await import('./cli/start.ts');
      return { help: m.startHelp, run: m.startCommand };
    },
  },
};

const projectRoot = join(fileURLToPath(import.meta.url), '..', '..');

function version(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  return `fidelity ${pkg.version} (node ${process.version})`;
}

function mainHelp(): string {
  const w = Math.max(...Object.keys(commands).map((k) => k.length));
  return `fidelity — the Fidelity Workbench: compile, run and verify Clef programs

Usage: fidelity COMMAND [options]

Commands:
${Object.entries(commands)
  .map(([k, c]) => `  ${k.padEnd(w)}  ${c.summary}`)
  .join('\n')}
  ${'help'.padEnd(w)}  show help for a command

Options:
  --version   print the version
  -h, --help  show this help

Run 'fidelity COMMAND --help' for a command's options.`;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h') return (console.log(mainHelp()), 0);
  if (cmd === '--version' || cmd === '-V') return (console.log(version()), 0);
  if (cmd === 'help') {
    const c = rest[0] ? commands[rest[0]] : undefined;
    if (rest[0] && !c) {
      process.stderr.write(`fidelity: unknown command '${rest[0]}' (see 'fidelity --help')\n`);
      return 2;
    }
    console.log(c ? (await c.load()).help : mainHelp());
    return 0;
  }
  const c = commands[cmd];
  if (!c) {
    process.stderr.write(`fidelity: unknown command '${cmd}' (see 'fidelity --help')\n`);
    return 2;
  }
  try {
    return await (await c.load()).run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`fidelity ${cmd}: ${e.message}\n`);
      return 2;
    }
    return reportError(e, null);
  }
}

// exitCode (not exit()) lets stdout drain before the process ends with the program's code.
process.exitCode = await main(process.argv.slice(2));
