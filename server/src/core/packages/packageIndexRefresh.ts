// Refreshing the package index: sync each repository (download, verify, build its cache file), then load the
// index again. Apart from packageIndexLoader.ts so that only what syncs loads the download and build code.
import { syncRepository, type SyncOptions, type SyncProgress, type SyncResult } from './fetchRepo';
import { loadPackageIndex, type LoadedPackageIndex } from './packageIndexLoader';

/** One repository's sync: what it did, or why it failed (its previous index, if any, stays). */
export type SyncOutcome = SyncResult | { repo: string; status: 'failed'; error: string };

export interface RefreshOutcome {
  results: SyncOutcome[];
  loaded: LoadedPackageIndex;
}

/** What a sync of the repositories is asked to do (plain data but for the signal and the progress callback). */
export interface RepositorySyncRequest {
  cacheDir: string;
  force: boolean;
  filelists: boolean;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
}

/** Syncs repositories into a cache folder: on this thread (syncRepositories) or on another (packageSyncThread.ts). */
export type RepositorySync = (urls: readonly string[], request: RepositorySyncRequest) => Promise<SyncOutcome[]>;

/** A failed repository's sync, named once (the error may already start with it). */
export function failureOf(f: { repo: string; error: string }): string {
  return f.error.startsWith(`${f.repo}: `) ? f.error : `${f.repo}: ${f.error}`;
}

/** Syncs every repository, one at a time; a failure is that repository's outcome, and the others go on. */
export async function syncRepositories(urls: readonly string[], opts: SyncOptions): Promise<SyncOutcome[]> {
  const results: SyncOutcome[] = [];
  for (const url of urls) {
    if (opts.signal?.aborted) break;
    try {
      results.push(await syncRepository(url, opts));
    } catch (e) {
      results.push({ repo: url, status: 'failed', error: (e as Error).message });
    }
  }
  return results;
}

/** Syncs every repository (a failure keeps that repository's previous index), then reloads. */
export async function refreshPackageIndex(urls: readonly string[], opts: SyncOptions): Promise<RefreshOutcome> {
  const results = await syncRepositories(urls, opts);
  return { results, loaded: await loadPackageIndex(opts.cacheDir, urls, { filelists: opts.filelists ?? false }) };
}
