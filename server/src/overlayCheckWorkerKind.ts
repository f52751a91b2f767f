// How the overlay check's worker thread knows itself: the server's entry (serverEntry.ts) asks this before
// loading anything else; the worker's code is in overlayCheckWorker.ts, the main thread's side in overlayCheckPool.ts.
import { isMainThread, workerData } from 'node:worker_threads';

export const OVERLAY_WORKER_KIND = 'distro-toml-overlay-check';

/** True inside the worker thread the language server starts for overlay checks. */
export function isOverlayCheckWorker(): boolean {
  return !isMainThread && (workerData as { kind?: string } | null)?.kind === OVERLAY_WORKER_KIND;
}
