// One writer at a time per cached repository: calls in this process queue on a promise chain, and other processes
// (the CLI next to the language server) are kept out by a lock directory created with mkdir, which is atomic. The
// owner file records pid, host, the process's start time and a random token, so a lock whose process died — or
// whose pid now belongs to another process — is broken at once, one without an owner file after a few seconds,
// and a lock is released only by the holder whose token it carries. Every refusal names the lock and its owner.
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

const queues = new Map<string, Promise<void>>();

/** A lock held longer than this is taken to be abandoned even if its owner looks alive (other hosts, no /proc). */
const STALE_MS = 10 * 60_000;
/** An owner writes its file right after mkdir; a lock still without one after this was left half-made. */
const OWNERLESS_STALE_MS = 3_000;

export const OWNER_FILE = 'owner.json';

export interface LockOwner {
  pid: number;
  host: string;
  /** The process's start time as /proc/<pid>/stat tells it (clock ticks since boot), where there is a /proc. */
  started?: string;
  token?: string;
  /** When the lock was taken (ISO 8601). */
  since?: string;
}

export type LockState =
  | { held: false }
  | { held: true; owner?: LockOwner; ageMs: number; stale: boolean; why: string };

export type LockOutcome<T> = { locked: true; value: T } | { locked: false; why: 'timeout' | 'cancelled'; lock: string };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Field 22 of /proc/<pid>/stat, the start time; undefined without /proc or when the process is gone. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = nodeFs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid !== 'number' || !Number.isInteger(o.pid) || o.pid <= 0 || typeof o.host !== 'string') return undefined;
    return {
      pid: o.pid,
      host: o.host,
      ...(typeof o.started === 'string' ? { started: o.started } : {}),
      ...(typeof o.token === 'string' ? { token: o.token } : {}),
      ...(typeof o.since === 'string' ? { since: o.since } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Who holds `lockDir`, and whether that holder is gone. */
export async function inspectLock(lockDir: string): Promise<LockState> {
  let stat;
  try {
    stat = await fs.stat(lockDir);
  } catch {
    return { held: false };
  }
  const ageMs = Date.now() - stat.mtimeMs;
  let text: string | undefined;
  try {
    text = await fs.readFile(path.join(lockDir, OWNER_FILE), 'utf8');
  } catch {
    text = undefined;
  }
  const owner = text === undefined ? undefined : parseOwner(text);
  if (owner === undefined) {
    const what = text === undefined ? 'has no owner file' : 'has an unreadable owner file';
    return { held: true, ageMs, stale: ageMs > OWNERLESS_STALE_MS, why: what };
  }
  if (ageMs > STALE_MS) return { held: true, owner, ageMs, stale: true, why: `is older than ${STALE_MS / 60_000} minutes` };
  if (owner.host !== os.hostname()) return { held: true, owner, ageMs, stale: false, why: `is held from another host` };
  if (!isAlive(owner.pid)) return { held: true, owner, ageMs, stale: true, why: `was left by process ${owner.pid}, which is gone` };
  const started = processStartTime(owner.pid);
  if (owner.started !== undefined && started !== undefined && started !== owner.started) {
    return { held: true, owner, ageMs, stale: true, why: `was left by process ${owner.pid}, whose pid now belongs to another process` };
  }
  return { held: true, owner, ageMs, stale: false, why: 'is held by a running process' };
}

/** "the lock /c/.locks/foo.lock (held by pid 12 on host h since 2026-…)", for every message about a lock. */
export function describeLock(lockDir: string, state: LockState): string {
  if (!state.held) return `the lock ${lockDir} (free)`;
  const o = state.owner;
  const by = o ? `held by pid ${o.pid} on host ${o.host}${o.since ? ` since ${o.since}` : ''}` : `${state.why}, ${Math.round(state.ageMs / 1000)} s old`;
  return `the lock ${lockDir} (${by})`;
}

async function release(lockDir: string, token: string): Promise<void> {
  try {
    const owner = parseOwner(await fs.readFile(path.join(lockDir, OWNER_FILE), 'utf8'));
    // Someone broke this lock (it looked stale) and took it: theirs now.
    if (owner?.token !== token) return;
  } catch {
    return;
  }
  await fs.rm(lockDir, { recursive: true, force: true });
}

async function acquire(lockDir: string, deadline: number, signal: AbortSignal | undefined, token: string): Promise<'ok' | 'timeout' | 'cancelled'> {
  await fs.mkdir(path.dirname(lockDir), { recursive: true });
  let wait = 20;
  for (;;) {
    if (signal?.aborted) return 'cancelled';
    try {
      await fs.mkdir(lockDir);
      const started = processStartTime(process.pid);
      const owner: LockOwner = { pid: process.pid, host: os.hostname(), ...(started ? { started } : {}), token, since: new Date().toISOString() };
      await fs.writeFile(path.join(lockDir, OWNER_FILE), JSON.stringify(owner));
      return 'ok';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const state = await inspectLock(lockDir);
    if (state.held && state.stale) {
      await fs.rm(lockDir, { recursive: true, force: true });
      continue;
    }
    // Wait up to the deadline itself and try once more there, rather than giving up while time is left.
    const left = deadline - Date.now();
    if (left <= 0) return 'timeout';
    await sleep(Math.min(wait, left));
    wait = Math.min(wait * 2, 250);
  }
}

/** Runs `work` while holding the lock `lockDir`; gives up when the deadline passes or the signal aborts. */
export async function withRepoLock<T>(
  lockDir: string,
  deadline: number,
  signal: AbortSignal | undefined,
  work: () => Promise<T>,
): Promise<LockOutcome<T>> {
  const previous = queues.get(lockDir) ?? Promise.resolve();
  let releaseTurn!: () => void;
  const mine = new Promise<void>((resolve) => (releaseTurn = resolve));
  const tail = previous.then(() => mine);
  queues.set(lockDir, tail);
  const refused = async (why: 'timeout' | 'cancelled'): Promise<LockOutcome<T>> => ({ locked: false, why, lock: describeLock(lockDir, await inspectLock(lockDir)) });
  try {
    // Waiting in this process's queue counts against the same deadline as waiting for another process.
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const turn = await Promise.race([
      previous.then(() => 'ok' as const),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now())))),
      new Promise<'cancelled'>((resolve) => {
        onAbort = () => resolve('cancelled');
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    if (turn !== 'ok') return await refused(turn);
    const token = randomBytes(8).toString('hex');
    const got = await acquire(lockDir, deadline, signal, token);
    if (got !== 'ok') return await refused(got);
    try {
      return { locked: true, value: await work() };
    } finally {
      await release(lockDir, token);
    }
  } finally {
    releaseTurn();
    if (queues.get(lockDir) === tail) queues.delete(lockDir);
  }
}
