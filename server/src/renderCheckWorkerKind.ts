// How a worker thread of `render --all --check --jobs N` knows itself: the CLI's entry asks this before loading
// anything else, so the main thread's start-up stays light (the worker's code is in renderCheckWorker.ts).
import { isMainThread, workerData } from 'node:worker_threads';

export const WORKER_KIND = 'distro-toml-render-check';

/** True inside a worker thread started by the drift check. */
export function isRenderCheckWorker(): boolean {
  return !isMainThread && (workerData as { kind?: string } | null)?.kind === WORKER_KIND;
}
