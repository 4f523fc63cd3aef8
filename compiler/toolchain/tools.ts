// The external LLVM 19 toolchain, driven through execa. Full paths always: Debian's
// /usr/bin/lli and /usr/bin/llc are LLVM 14.
import { execa } from 'execa';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const LLVM_BIN = process.env.FIDELITY_LLVM_BIN ?? '/usr/lib/llvm-19/bin';
export const TOOLS = {
  'mlir-opt': join(LLVM_BIN, 'mlir-opt'),
  'mlir-translate': join(LLVM_BIN, 'mlir-translate'),
  clang: join(LLVM_BIN, 'clang'),
} as const;
export type ToolName = keyof typeof TOOLS;

/** A tool that failed: which step, the command line, and the tool's own message. */
export class ToolError extends Error {
  constructor(
    readonly step: string,
    readonly command: string,
    readonly toolMessage: string,
    readonly exitCode: number | null,
  ) {
    super(`${step} failed: ${toolMessage.trim() || `exit code ${exitCode}`}`);
  }
}

/** The tools that are not installed, with how to get them. */
export function missingToolsMessage(names: ToolName[] = Object.keys(TOOLS) as ToolName[]): string | null {
  const missing = names.filter((n) => !existsSync(TOOLS[n]));
  if (missing.length === 0) return null;
  return (
    `missing tool${missing.length > 1 ? 's' : ''}: ${missing.map((m) => TOOLS[m]).join(', ')}\n` +
    `install them with the project's setup script (as root): bash scripts/setup.sh\n` +
    `(it runs: apt-get install -y --no-install-recommends mlir-19-tools llvm-19 clang-19)`
  );
}

/** Runs a tool; resolves to stdout, rejects with ToolError carrying the tool's stderr. */
export async function runTool(step: string, tool: ToolName, args: string[], opts: { input?: string } = {}): Promise<string> {
  const missing = missingToolsMessage([tool]);
  if (missing) throw new ToolError(step, TOOLS[tool], missing, null);
  const r = await execa(TOOLS[tool], args, {
    input: opts.input,
    reject: false,
    stripFinalNewline: false,
    maxBuffer: 1 << 28,
    encoding: 'utf8',
  });
  if (r.exitCode !== 0 || r.failed) {
    throw new ToolError(step, [TOOLS[tool], ...args].join(' '), String(r.stderr || r.shortMessage || ''), r.exitCode ?? null);
  }
  return String(r.stdout);
}

let versions: Promise<Record<string, string>> | null = null;
/** Tool versions (first line of --version), for cache keys and evidence manifests. */
export function toolVersions(): Promise<Record<string, string>> {
  versions ??= (async () => {
    const out: Record<string, string> = {};
    for (const [name, path] of Object.entries(TOOLS)) {
      if (!existsSync(path)) {
        out[name] = 'missing';
        continue;
      }
      const r = await execa(path, ['--version'], { reject: false, encoding: 'utf8' });
      const text = String(r.stdout || r.stderr);
      out[name] = /version\s+([\w.\-]+)/i.exec(text)?.[1] ?? text.split('\n')[0]!.trim();
    }
    return out;
  })();
  return versions;
}

/** A cheap fingerprint of the installed tools (path, size, mtime), for cache keys: no
 *  process is started, so a cached run stays fast. */
export function toolFingerprint(): string {
  return Object.values(TOOLS)
    .map((p) => {
      try {
        const st = statSync(p);
        return `${p}:${st.size}:${st.mtimeMs}`;
      } catch {
        return `${p}:missing`;
      }
    })
    .join(';');
}
