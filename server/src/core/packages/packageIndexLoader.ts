// What a language server (or the CLI) holds: the package index of a set of repositories, loaded from the
// cache without blocking (file reads are asynchronous), with a status that says what is missing and why.
// Syncing is packageIndexRefresh.ts: a one-shot `repo query` loads none of the download and build code, and
// the filelists code only when asked for.
import { cacheFileFor, fsErrorReason } from './indexCache';
import type { FileListIndex } from './fileLists';
import { openIndexFile } from './indexFile';
import { IndexFormatError } from './indexFormat';
import { PackageIndex } from './queries';
import { RepoIndex } from './repoIndex';

export interface RepoLoadState {
  url: string;
  state: 'loaded' | 'missing' | 'invalid';
  /** Why it is not loaded, for the status bar and logs. */
  reason?: string;
  packageCount?: number;
  syncedAt?: number;
  /** With filelists asked for: how many files it lists, or why it is not in use. */
  fileList?: { state: 'loaded'; fileCount: number } | { state: 'missing' | 'invalid' | 'stale'; reason: string };
}

export interface LoadOptions {
  /** Load each repository's filelists index too (fetched by a sync with `filelists`). */
  filelists?: boolean;
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
  const lists = repos.filter((r) => r.fileList !== undefined);
  const withFiles = lists.filter((r) => r.fileList?.state === 'loaded').length;
  return `${groupThousands(index.packageCount)} packages from ${loaded} of ${repos.length} repositories${lists.length ? `; filelists of ${withFiles} of ${lists.length}` : ''}`;
}

/** Loads each repository's cached index; a missing or unusable one is reported, never thrown. */
export async function loadPackageIndex(cacheDir: string, urls: readonly string[], opts: LoadOptions = {}): Promise<LoadedPackageIndex> {
  const loaded: RepoIndex[] = [];
  const fileLists = new Map<RepoIndex, FileListIndex>();
  const repos: RepoLoadState[] = [];
  for (const url of urls) {
    try {
      const opened = await openIndexFile(cacheFileFor(cacheDir, url));
      const data = opened.data;
      if (data.meta.url !== url) {
        await opened.close();
        throw new IndexFormatError(`cache file belongs to ${data.meta.url}`);
      }
      const repo = new RepoIndex(data);
      loaded.push(repo);
      const state: RepoLoadState = { url, state: 'loaded', packageCount: data.meta.packageCount, syncedAt: data.meta.syncedAt };
      if (opts.filelists) {
        const { loadFileListIndex } = await import('./fileListCache.js');
        const files = await loadFileListIndex(cacheDir, url, data.meta.primaryChecksum);
        if (files.state === 'loaded') {
          fileLists.set(repo, files.index);
          state.fileList = { state: 'loaded', fileCount: files.index.fileCount };
        } else state.fileList = { state: files.state, reason: files.state === 'missing' ? 'filelists not synced yet' : files.reason };
      }
      repos.push(state);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') repos.push({ url, state: 'missing', reason: 'not synced yet' });
      else if (e instanceof IndexFormatError) repos.push({ url, state: 'invalid', reason: `${e.message}; it will be rebuilt on the next sync` });
      // A cache directory that is a file, or one this user may not read: that repository has no index, the others load.
      else if (typeof (e as NodeJS.ErrnoException).code === 'string') repos.push({ url, state: 'missing', reason: `its cache file cannot be read (${fsErrorReason(e)})` });
      else throw e;
    }
  }
  const index = new PackageIndex(loaded, fileLists);
  return { index, repos, summary: summarize(index, repos) };
}
