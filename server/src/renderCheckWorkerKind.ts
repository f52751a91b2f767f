// How a worker thread of `render --all --check --jobs N` knows itself: the CLI's entry asks this before loading
// anything else, so the main thread's start-up stays light (the worker's code is in renderCheckWorker.ts).

export const WORKER_KIND = 'distro-toml-render-check';

/** The argument the drift check starts its workers with (`new Worker(…, { argv: [WORKER_ARGUMENT] })`). */
export const WORKER_ARGUMENT = '--distro-toml-render-check-worker';

/** True inside a worker thread started by the drift check. */
export function isRenderCheckWorker(): boolean {
  // Only such a worker is started with this argument: node:worker_threads is loaded to confirm it only then, so
  // every other run of the command line starts without loading it.
  if (process.argv[2] !== WORKER_ARGUMENT) return false;
  const { isMainThread, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  return !isMainThread && (workerData as { kind?: string } | null)?.kind === WORKER_KIND;
}
