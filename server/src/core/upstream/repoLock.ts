// One writer at a time per cached repository: calls in this process queue on a promise chain, and other processes
// (the CLI next to the language server) are kept out by a lock directory created with mkdir, which is atomic. A
// lock left by a process that died is recognised by its recorded pid, or by age, and broken.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

const queues = new Map<string, Promise<void>>();

/** A lock held longer than this is taken to be abandoned even if its pid is alive (pids get reused). */
const STALE_MS = 10 * 60_000;

export type LockOutcome<T> = { locked: true; value: T } | { locked: false; why: 'timeout' | 'cancelled' };

interface LockOwner {
  pid: number;
  host: string;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function isStale(lockDir: string): Promise<boolean> {
  let stat;
  try {
    stat = await fs.stat(lockDir);
  } catch {
    return false;
  }
  if (Date.now() - stat.mtimeMs > STALE_MS) return true;
  let owner: LockOwner;
  try {
    owner = JSON.parse(await fs.readFile(path.join(lockDir, 'owner.json'), 'utf8')) as LockOwner;
  } catch {
    // Not written yet by a process that just took the lock.
    return false;
  }
  if (owner.host !== os.hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function acquire(lockDir: string, deadline: number, signal: AbortSignal | undefined): Promise<'ok' | 'timeout' | 'cancelled'> {
  await fs.mkdir(path.dirname(lockDir), { recursive: true });
  let wait = 20;
  for (;;) {
    if (signal?.aborted) return 'cancelled';
    try {
      await fs.mkdir(lockDir);
      const owner: LockOwner = { pid: process.pid, host: os.hostname() };
      await fs.writeFile(path.join(lockDir, 'owner.json'), JSON.stringify(owner));
      return 'ok';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (await isStale(lockDir)) {
      await fs.rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() + wait > deadline) return 'timeout';
    await sleep(wait);
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
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  queues.set(lockDir, tail);
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
    if (turn !== 'ok') return { locked: false, why: turn };
    const got = await acquire(lockDir, deadline, signal);
    if (got !== 'ok') return { locked: false, why: got };
    try {
      return { locked: true, value: await work() };
    } finally {
      await fs.rm(lockDir, { recursive: true, force: true });
    }
  } finally {
    release();
    if (queues.get(lockDir) === tail) queues.delete(lockDir);
  }
}
