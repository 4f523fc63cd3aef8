// Bad input to `tv`, `validate`, `audit` and `prove`: one line naming the reason, exit 3, never a
// stack trace. Their exit 2 means "unknown or unsupported only" (verdicts.ts exitCodeOf), so
// a bad flag or value cannot use the usage-error 2 of the other commands (bin/main.ts): a
// CI job must not read a mistyped `--unroll` as "nothing refuted".
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './args.ts';

/** The exit code of bad input (tv --help: "3 bad input"). */
export const BAD_INPUT = 3;

/** Runs a command; a UsageError (bad flag, bad value, missing argument, a file or folder that
 *  cannot be read or written) becomes `fidelity COMMAND: <message>` on stderr and exit 3. */
export async function badInputExits(command: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`fidelity ${command}: ${e.message}\n`);
    return BAD_INPUT;
  }
}

/** The reason of a file system error, in words (the errno code when it has none here). */
export function fsReason(e: unknown): string {
  const code = e && typeof e === 'object' && 'code' in e ? String((e as NodeJS.ErrnoException).code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'EEXIST':
      return 'it exists and is not a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENAMETOOLONG':
      return 'name too long';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return code || (e instanceof Error ? e.message : String(e));
  }
}

/** Throws a UsageError unless `file` is a readable file (not a directory). */
export function assertReadableFile(file: string): void {
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`cannot read ${file}: it is a directory`);
    readFileSync(file);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${file}: ${fsReason(e)}`);
  }
}

/** Creates `dir` (and its parents) when missing and checks that a file can be written in it,
 *  so that an output folder that cannot be written is bad input named before any check
 *  runs — not an internal error in every check that dumps a query (`--dump-smt`), nor in the
 *  pipeline (`--stages`). `flag` names the option in the message. */
export function assertWritableDir(flag: string, dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    const probe = join(dir, `.fidelity-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (e) {
    throw new UsageError(`${flag}: cannot write into ${dir}: ${fsReason(e)}`);
  }
}
