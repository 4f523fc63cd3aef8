// Flag parsing shared by every subcommand: node's parseArgs with our own error wording,
// so a bad flag is a one-line message and exit 2 (3 for tv, validate, audit and prove:
// bad-input.ts), never a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parseFlags(command: string, argv: string[], options: Options) {
  // Everything after `--` goes to the program being run, untouched.
  const dd = argv.indexOf('--');
  const own = dd >= 0 ? argv.slice(0, dd) : argv;
  const rest = dd >= 0 ? argv.slice(dd + 1) : [];
  try {
    const { values, positionals } = parseArgs({
      args: own,
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Record<string, string | boolean | undefined>, positionals, rest };
  } catch (e) {
    const msg = e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : String(e);
    throw new UsageError(`${msg} (see 'fidelity ${command} --help')`);
  }
}
