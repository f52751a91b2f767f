// The main thread's side of the package index's sync: each sync runs on a worker thread of its own
// (packageSyncWorker.ts, the server's script started with another kind), at a lower priority, which ends with its
// job and frees what the build held. On the main thread the sync held it for seconds at a time (the index build of a
// Fedora-sized primary; Node's download stack loaded and compiled at the first download, ~100 ms): keystrokes
// waited. Progress and log lines come back as messages; a cancelled sync is told to stop and ended if it does not;
// a worker that fails (its heap limit, a crash) fails the repositories it had not answered, in words.
import type { Worker } from 'node:worker_threads';
import type { RepositorySync, SyncOutcome } from './core/packages/packageIndexRefresh';
import type { FromPackageSyncWorker, PackageSyncJob, ToPackageSyncWorker } from './packageSyncWorker';
import { PACKAGE_SYNC_WORKER_KIND } from './packageSyncWorkerKind';
import { startServerWorker } from './serverWorker';

export interface PackageSyncThreadOptions {
  /** The server's own bundle (dist/server.js). */
  script: string;
  log: (message: string) => void;
  /** The worker's old generation's limit, in MB. */
  maxHeapMb?: number;
  /** How long a cancelled sync may take to stop before its worker is ended. */
  abortGraceMs?: number;
}

/** A worker's failure, said as the status and the log say a sync's. */
function describeFailure(err: unknown, maxHeapMb: number): string {
  const code = (err as { code?: string } | null)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return `the sync ran out of memory (its worker's heap limit is ${maxHeapMb} MB)`;
  return `the sync's worker failed: ${err instanceof Error ? err.message : String(err)}`;
}

/** Syncs on a worker thread, one worker per sync. */
export function syncOnWorkerThread(options: PackageSyncThreadOptions): RepositorySync {
  const maxHeapMb = options.maxHeapMb ?? 1024;
  return (urls, request) =>
    new Promise<SyncOutcome[]>((resolve) => {
      const failAll = (error: string): SyncOutcome[] => urls.map((repo) => ({ repo, status: 'failed', error }));
      const job: PackageSyncJob = { urls: [...urls], cacheDir: request.cacheDir, force: request.force, filelists: request.filelists, progress: request.onProgress !== undefined };
      let worker: Worker;
      try {
        worker = startServerWorker({ script: options.script, kind: PACKAGE_SYNC_WORKER_KIND, data: { job }, maxHeapMb, label: 'package index sync worker', log: options.log });
      } catch (err) {
        resolve(failAll(describeFailure(err, maxHeapMb)));
        return;
      }
      let ended: NodeJS.Timeout | undefined;
      const abort = (): void => {
        worker.postMessage({ type: 'abort' } satisfies ToPackageSyncWorker);
        ended ??= setTimeout(() => void worker.terminate(), options.abortGraceMs ?? 5_000).unref();
      };
      let settled = false;
      const settle = (results: SyncOutcome[]): void => {
        if (settled) return;
        settled = true;
        request.signal?.removeEventListener('abort', abort);
        if (ended) clearTimeout(ended);
        resolve(results);
      };
      request.signal?.addEventListener('abort', abort, { once: true });
      if (request.signal?.aborted) abort();
      worker.on('message', (m: FromPackageSyncWorker) => {
        if (m.type === 'progress') request.onProgress?.(m.progress);
        else if (m.type === 'log') options.log(`Package index: ${m.message}`);
        else settle(m.results);
      });
      worker.on('error', (err) => settle(failAll(describeFailure(err, maxHeapMb))));
      worker.on('exit', (code) => settle(failAll(request.signal?.aborted ? 'cancelled' : `the sync's worker ended (exit code ${code}) before it answered`)));
    });
}
