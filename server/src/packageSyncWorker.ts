// The worker-thread side of the package index's sync (the main thread's side is packageSyncThread.ts): one job per
// worker, in its workerData — the repositories, the cache folder, force, filelists. It downloads (through the proxy
// and the certificate authorities the environment names: networkFetch.ts, dist/server-fetch.js, loaded at the first
// download), verifies, decompresses and builds each repository's cache file as `distro-toml repo sync` does, posting
// progress and log lines as they come and the outcomes at the end; an `abort` message cancels the job. zstd is
// decoded on this thread: a decoder thread of its own would be an isolate the main thread does not see start, and V8
// raises the process's young-generation growth whenever an isolate is made (serverV8Flags.ts).
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { SyncProgress } from './core/packages/fetchRepo';
import { syncRepositories, type SyncOutcome } from './core/packages/packageIndexRefresh';
import { fetchAtFirstUse } from './fetchAtFirstUse';
import { lowerOwnThreadPriority } from './workerThreadPriority';

export interface PackageSyncJob {
  urls: string[];
  cacheDir: string;
  force: boolean;
  filelists: boolean;
  /** Whether the main thread wants progress (a refresh the editor shows). */
  progress: boolean;
}

export type ToPackageSyncWorker = { type: 'abort' };
export type FromPackageSyncWorker =
  | { type: 'progress'; progress: SyncProgress }
  | { type: 'log'; message: string }
  | { type: 'done'; results: SyncOutcome[] };

export function runPackageSyncWorker(): void {
  lowerOwnThreadPriority();
  const port = parentPort;
  if (!port) return;
  const job = (workerData as { job: PackageSyncJob }).job;
  const post = (m: FromPackageSyncWorker): void => port.postMessage(m);
  const controller = new AbortController();
  port.on('message', (m: ToPackageSyncWorker) => {
    if (m.type === 'abort') controller.abort();
  });
  const fetch = fetchAtFirstUse(async () =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require(path.join(__dirname, 'server-fetch.js')) as typeof import('./networkFetch')).networkFetchFromEnv(process.env, (message) => post({ type: 'log', message })),
  );
  const finished = (results: SyncOutcome[]): void => {
    post({ type: 'done', results });
    port.close();
  };
  syncRepositories(job.urls, {
    cacheDir: job.cacheDir,
    force: job.force,
    filelists: job.filelists,
    signal: controller.signal,
    fetch,
    zstdWorker: false,
    ...(job.progress ? { onProgress: (progress: SyncProgress) => post({ type: 'progress', progress }) } : {}),
  }).then(finished, (err: unknown) => finished(job.urls.map((repo) => ({ repo, status: 'failed', error: err instanceof Error ? err.message : String(err) }))));
}
