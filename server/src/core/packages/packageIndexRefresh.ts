// Refreshing the package index: sync each repository (download, verify, build its cache file), then load the
// index again. Apart from packageIndexLoader.ts so that only what syncs loads the download and build code.
import { syncRepository, type SyncOptions, type SyncResult } from './fetchRepo';
import { loadPackageIndex, type LoadedPackageIndex } from './packageIndexLoader';

export interface RefreshOutcome {
  results: (SyncResult | { repo: string; status: 'failed'; error: string })[];
  loaded: LoadedPackageIndex;
}

/** A failed repository's sync, named once (the error may already start with it). */
export function failureOf(f: { repo: string; error: string }): string {
  return f.error.startsWith(`${f.repo}: `) ? f.error : `${f.repo}: ${f.error}`;
}

/** Syncs every repository (one at a time; a failure keeps that repository's previous index), then reloads. */
export async function refreshPackageIndex(urls: readonly string[], opts: SyncOptions): Promise<RefreshOutcome> {
  const results: RefreshOutcome['results'] = [];
  for (const url of urls) {
    if (opts.signal?.aborted) break;
    try {
      results.push(await syncRepository(url, opts));
    } catch (e) {
      results.push({ repo: url, status: 'failed', error: (e as Error).message });
    }
  }
  return { results, loaded: await loadPackageIndex(opts.cacheDir, urls, { filelists: opts.filelists ?? false }) };
}
