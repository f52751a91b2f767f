// How the start-up scan's check worker knows itself: the server's entry (serverEntry.ts) asks this before
// loading anything else; the worker's code is in scanCheckWorker.ts, the main thread's side in scanChecks.ts.
import { isMainThread, workerData } from 'node:worker_threads';

export const SCAN_CHECK_WORKER_KIND = 'distro-toml-scan-check';

/** True inside the worker thread the language server starts for the files its start-up scan checks. */
export function isScanCheckWorker(): boolean {
  return !isMainThread && (workerData as { kind?: string } | null)?.kind === SCAN_CHECK_WORKER_KIND;
}
