// What a language server (or the CLI) holds: the package index of a set of repositories, loaded from the
// cache without blocking (file reads are asynchronous), with a status that says what is missing and why,
// and a refresh that syncs the repositories and reloads the ones that changed.
import { cacheFileFor } from './indexCache';
import { openIndexFile } from './indexFile';
import { IndexFormatError } from './indexFormat';
import { syncRepository, type SyncOptions, type SyncResult } from './fetchRepo';
import { PackageIndex } from './queries';
import { RepoIndex } from './repoIndex';

export interface RepoLoadState {
  url: string;
  state: 'loaded' | 'missing' | 'invalid';
  /** Why it is not loaded, for the status bar and logs. */
  reason?: string;
  packageCount?: number;
  syncedAt?: number;
}

export interface LoadedPackageIndex {
  index: PackageIndex;
  repos: RepoLoadState[];
  /** A one-line summary: "74,812 packages from 3 of 4 repositories". */
  summary: string;
}

/** `74812` -> `74,812`, without Intl (whose first use costs a one-shot `repo query` tens of milliseconds). */
export function groupThousands(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+$)/g, ',');
}

function summarize(index: PackageIndex, repos: RepoLoadState[]): string {
  const loaded = repos.filter((r) => r.state === 'loaded').length;
  return `${groupThousands(index.packageCount)} packages from ${loaded} of ${repos.length} repositories`;
}

/** Loads each repository's cached index; a missing or unusable one is reported, never thrown. */
export async function loadPackageIndex(cacheDir: string, urls: readonly string[]): Promise<LoadedPackageIndex> {
  const loaded: RepoIndex[] = [];
  const repos: RepoLoadState[] = [];
  for (const url of urls) {
    try {
      const opened = await openIndexFile(cacheFileFor(cacheDir, url));
      const data = opened.data;
      if (data.meta.url !== url) {
        await opened.close();
        throw new IndexFormatError(`cache file belongs to ${data.meta.url}`);
      }
      loaded.push(new RepoIndex(data));
      repos.push({ url, state: 'loaded', packageCount: data.meta.packageCount, syncedAt: data.meta.syncedAt });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') repos.push({ url, state: 'missing', reason: 'not synced yet' });
      else if (e instanceof IndexFormatError) repos.push({ url, state: 'invalid', reason: `${e.message}; it will be rebuilt on the next sync` });
      else throw e;
    }
  }
  const index = new PackageIndex(loaded);
  return { index, repos, summary: summarize(index, repos) };
}

export interface RefreshOutcome {
  results: (SyncResult | { repo: string; status: 'failed'; error: string })[];
  loaded: LoadedPackageIndex;
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
  return { results, loaded: await loadPackageIndex(opts.cacheDir, urls) };
}
