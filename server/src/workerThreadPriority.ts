// The priority of the server's worker threads (the overlay check's, the start-up scan's). On Linux a thread's nice
// value is its own (setpriority with a thread's id, or on the calling thread, which os.setPriority() with no pid is):
// a worker runs at nice 10, so that when both cores are busy a keystroke's check on the main thread gets the CPU
// before work that is only waited for in the background. Elsewhere the call would lower the whole process, so it
// is not made.
//
// The thread that starts a worker lowers it as soon as the thread exists (startLowered), not only the worker itself
// once its script runs: a worker's own start-up — Node's bootstrap of the thread, the bundle compiled or read from the
// code cache, its modules loaded — takes tens of ms of CPU, and the scan's worker starts right after the first
// diagnostics of the open files, while the user's first keystrokes are checked (bench/cold-start: the first edits
// during the scan waited for the CPU 8–15 ms inside their check).
import * as nodeFs from 'node:fs';
import * as nodeOs from 'node:os';

export const WORKER_NICE = 10;

/** Lowers the calling thread's priority to WORKER_NICE: a worker's first step, for when its starter could not. */
export function lowerOwnThreadPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    if (nodeOs.getPriority() < WORKER_NICE) nodeOs.setPriority(WORKER_NICE);
  } catch {
    // Not allowed here (a sandbox): the worker runs at the process's priority.
  }
}

/** The ids of this process's threads (Linux), or undefined when they cannot be listed. */
function threadIds(): Set<string> | undefined {
  try {
    return new Set(nodeFs.readdirSync('/proc/self/task'));
  } catch {
    return undefined;
  }
}

/**
 * Runs `start` (which starts a worker thread: `new Worker(…)` makes its thread before it returns) and lowers every
 * thread that appeared meanwhile to WORKER_NICE: the worker's, from its first instruction. Nothing else makes a
 * thread while `start` runs on this one (V8's and libuv's are made at start-up or by this thread's own asynchronous
 * calls). Off Linux, or where the threads cannot be listed or reniced, the worker lowers itself as before.
 */
export function startLowered<T>(start: () => T): T {
  if (process.platform !== 'linux') return start();
  const before = threadIds();
  const started = start();
  if (!before) return started;
  for (const tid of threadIds() ?? []) {
    if (before.has(tid)) continue;
    try {
      if (nodeOs.getPriority(Number(tid)) < WORKER_NICE) nodeOs.setPriority(Number(tid), WORKER_NICE);
    } catch {
      // Ended already, or not allowed (a sandbox).
    }
  }
  return started;
}
