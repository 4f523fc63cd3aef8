// Long-lived solver processes (`z3 -in`) fed one script after another. A process per query
// costs 10-30 ms of start-up, more than most of our queries take to solve; a session pays it
// once. Each script starts with `(reset)` (native z3 then starts from a clean state: the same
// query gives the same answer and statistics whatever ran before) and ends with an `echo` of
// a marker that cannot occur in an answer, so the answer is everything before the marker.
// A session that overruns its time limit, dies, or is killed is dropped and a new one is
// started for the next query: nothing of a query that went wrong reaches the next one.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export type SessionRun = { stdout: string; stderr: string; timedOut: boolean; timeMs: number; spawnError?: string; died?: string };

type Pending = { resolve(r: SessionRun): void; t0: number; timer: ReturnType<typeof setTimeout>; from: number };

type Session = {
  key: string;
  child: ChildProcessWithoutNullStreams;
  marker: string;
  out: string;
  err: string;
  pending: Pending | null;
  dead: boolean;
};

const idle = new Map<string, Session[]>();
const all = new Set<Session>();
let busy = 0;
const waiting: (() => void)[] = [];
/** At most one busy solver per core (the machine's other work shares them too). */
export const SESSION_LIMIT = Math.max(1, availableParallelism());

/** Whether a session's process should keep Node alive: only while it is answering. */
function setRef(s: Session, on: boolean): void {
  const streams = [s.child.stdin, s.child.stdout, s.child.stderr] as unknown as { ref?(): void; unref?(): void }[];
  for (const x of streams) (on ? x.ref : x.unref)?.call(x);
  if (on) s.child.ref();
  else s.child.unref();
}

function finish(s: Session, r: Omit<SessionRun, 'timeMs' | 'stderr'>): void {
  const p = s.pending;
  if (!p) return;
  s.pending = null;
  clearTimeout(p.timer);
  p.resolve({ ...r, stderr: s.err, timeMs: performance.now() - p.t0 });
}

function kill(s: Session, why: string, timedOut = false): void {
  if (!s.dead) {
    s.dead = true;
    all.delete(s);
    s.child.kill('SIGKILL');
  }
  finish(s, timedOut ? { stdout: s.out, timedOut } : { stdout: s.out, timedOut, died: why });
}

function start(bin: string, args: string[], key: string): Session {
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const s: Session = { key, child, marker: `fidelity-done-${randomBytes(8).toString('hex')}`, out: '', err: '', pending: null, dead: false };
  all.add(s);
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    s.out += d;
    const p = s.pending;
    if (!p) return;
    // the marker may arrive split over two chunks: look from just before the new data
    const at = s.out.indexOf(s.marker, Math.max(p.from, s.out.length - d.length - s.marker.length));
    if (at < 0) return;
    const stdout = s.out.slice(0, at);
    s.out = s.out.slice(s.out.indexOf('\n', at) + 1 || s.out.length);
    finish(s, { stdout, timedOut: false });
  });
  child.stderr.on('data', (d: string) => {
    s.err += d;
  });
  child.stdin.on('error', () => undefined); // a process that died closes its stdin; 'exit' reports it
  child.on('error', (e) => kill(s, e.message));
  // 'close', not 'exit': by then everything the process printed has been read
  child.on('close', (code, signal) => kill(s, `exited (${signal ?? `code ${code}`})`));
  return s;
}

async function acquire(bin: string, args: string[]): Promise<Session> {
  if (busy >= SESSION_LIMIT) await new Promise<void>((r) => waiting.push(r));
  busy++;
  const key = [bin, ...args].join('\0');
  const list = idle.get(key) ?? [];
  idle.set(key, list);
  let s = list.pop();
  while (s && s.dead) s = list.pop();
  return s ?? start(bin, args, key);
}

function release(s: Session): void {
  busy--;
  if (!s.dead) {
    setRef(s, false);
    idle.get(s.key)!.push(s);
  }
  waiting.shift()?.();
}

/**
 * Runs `script` in an idle session of `bin args` (started when there is none), after a
 * `(reset)`. After `hardMs` without the answer the session is killed: `timedOut`, with what
 * it had printed. A session that dies or cannot be started gives `died` / `spawnError`.
 */
export async function runInSession(bin: string, args: string[], script: string, hardMs: number): Promise<SessionRun> {
  const s = await acquire(bin, args);
  try {
    setRef(s, true);
    s.err = '';
    return await new Promise<SessionRun>((resolve) => {
      // the kill waits for the I/O already there: after the event loop was busy elsewhere,
      // the timer and the answer are due together, and timers run first
      // (and only this query's: by then the session may have answered and taken the next)
      const pending: Pending = { resolve, t0: performance.now(), timer: setTimeout(() => setImmediate(() => s.pending === pending && kill(s, 'killed after the time limit', true)), hardMs), from: s.out.length };
      s.pending = pending;
      if (s.dead) return kill(s, 'not running');
      s.child.stdin.write(`(reset)\n${script}\n(echo "${s.marker}")\n`);
    }).then((r) => {
      if (r.died && /ENOENT|EACCES/.test(r.died)) return { ...r, spawnError: r.died };
      return r;
    });
  } finally {
    release(s);
  }
}

/** Kills every session (idle or busy); a busy one's caller gets `died`. */
export function closeSessions(): void {
  for (const s of [...all]) kill(s, 'closed');
  idle.clear();
}

// the live sessions' CPU time of other threads (validation workers), as they last reported it
const remote = new Map<string, number>();

/** Records the CPU time of the sessions another thread runs (0 when it has stopped them). */
export function setRemoteSessionCpuMs(thread: string, ms: number): void {
  if (ms > 0) remote.set(thread, ms);
  else remote.delete(thread);
}

/** CPU time (ms) the live sessions' processes have used so far (Linux /proc, 10 ms ticks;
 *  0 elsewhere), this thread's and those other threads reported. A session that has ended
 *  is counted in this process's reaped children. */
export function sessionCpuMs(): number {
  let ms = 0;
  for (const v of remote.values()) ms += v;
  for (const s of all) {
    try {
      const stat = readFileSync(`/proc/${s.child.pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ms += (Number(f[11]) + Number(f[12])) * 10;
    } catch {
      // ended between the list and the read: counted with the reaped children
    }
  }
  return ms;
}
