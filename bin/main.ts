// The `fidelity` command line: parses the subcommand and hands off. No logic lives here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './cli/args.ts';
import { reportError } from './cli/output.ts';
import { checkCommand, checkHelp } from './cli/check.ts';
import { runCommand, runHelp } from './cli/run.ts';
import { compileCommand, compileHelp } from './cli/compile.ts';
import { startCommand, startHelp, projectRoot } from './cli/start.ts';

type Command = { summary: string; help: string; run: (argv: string[]) => number };

const commands: Record<string, Command> = {
  check: { summary: 'parse, type-check and elaborate Clef sources', help: checkHelp, run: checkCommand },
  run: { summary: 'run a program (--interp: the reference interpreter)', help: runHelp, run: runCommand },
  compile: { summary: 'print a compilation stage (--emit ast|core)', help: compileHelp, run: compileCommand },
  start: { summary: 'the main job: check and run the corpus', help: startHelp, run: startCommand },
};

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

function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h') return (console.log(mainHelp()), 0);
  if (cmd === '--version' || cmd === '-V') return (console.log(version()), 0);
  if (cmd === 'help') {
    const c = rest[0] ? commands[rest[0]] : undefined;
    if (rest[0] && !c) {
      process.stderr.write(`fidelity: unknown command '${rest[0]}' (see 'fidelity --help')\n`);
      return 2;
    }
    console.log(c ? c.help : mainHelp());
    return 0;
  }
  const c = commands[cmd];
  if (!c) {
    process.stderr.write(`fidelity: unknown command '${cmd}' (see 'fidelity --help')\n`);
    return 2;
  }
  try {
    return c.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`fidelity ${cmd}: ${e.message}\n`);
      return 2;
    }
    return reportError(e, null);
  }
}

const code = main(process.argv.slice(2));
// Let stdout drain before exiting with the program's code.
process.exitCode = code;
