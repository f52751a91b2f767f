// How the package index's sync worker knows itself: the server's entry (serverEntry.ts) asks this before loading
// anything else; the worker's code is in packageSyncWorker.ts, the main thread's side in packageSyncThread.ts.
import { isMainThread, workerData } from 'node:worker_threads';

export const PACKAGE_SYNC_WORKER_KIND = 'distro-toml-package-sync';

/** True inside the worker thread the language server starts to sync the package index's repositories. */
export function isPackageSyncWorker(): boolean {
  return !isMainThread && (workerData as { kind?: string } | null)?.kind === PACKAGE_SYNC_WORKER_KIND;
}
