// Filling the dist-git cache for a whole tree: many upstream references resolved through the cache at once,
// at most `jobs` at a time, each answered first from what the cache holds (no network) so that a run that was
// interrupted continues where it stopped — every package's clone and exported tree is written atomically, so
// what finished is kept and what did not is fetched again. Progress per package; failures collected by code.
import { resolveUpstreamSource, type ResolveUpstreamOptions } from './distGit';
import type { UpstreamRef } from './distGitRef';
import type { UpstreamFailureCode } from './upstreamResult';

export interface SyncItem {
  /** The component the reference belongs to (for messages). */
  component: string;
  ref: UpstreamRef;
}

export type SyncOutcome =
  | { component: string; pkg: string; state: 'cached' | 'fetched'; commit: string; warning?: string }
  | { component: string; pkg: string; state: 'failed'; code: UpstreamFailureCode; message: string };

export interface SyncOptions extends Pick<ResolveUpstreamOptions, 'cacheDir' | 'git' | 'timeoutMs' | 'signal'> {
  /** At most this many retrievals at once (each runs git processes); default 8. */
  jobs?: number;
  /** Fetch every branch again even when the cache holds it. */
  refresh?: boolean;
  /** Only say what the cache holds; never contact the server. */
  offline?: boolean;
  onProgress?: (done: number, total: number, outcome: SyncOutcome) => void;
}

async function syncOne(item: SyncItem, options: SyncOptions): Promise<SyncOutcome> {
  const base = { cacheDir: options.cacheDir, ...(options.git ? { git: options.git } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.signal ? { signal: options.signal } : {}) };
  if (!options.refresh) {
    const cached = await resolveUpstreamSource(item.ref, { ...base, offline: true, refreshAfterMs: Number.POSITIVE_INFINITY });
    if (cached.ok) return { component: item.component, pkg: item.ref.pkg, state: 'cached', commit: cached.commit };
    if (options.offline || cached.code === 'bad-ref' || cached.code === 'cancelled') return { component: item.component, pkg: item.ref.pkg, state: 'failed', code: cached.code, message: cached.message };
  } else if (options.offline) {
    return { component: item.component, pkg: item.ref.pkg, state: 'failed', code: 'network', message: '--refresh and --offline exclude each other' };
  }
  const got = await resolveUpstreamSource(item.ref, { ...base, refreshAfterMs: options.refresh ? 0 : Number.POSITIVE_INFINITY });
  if (!got.ok) return { component: item.component, pkg: item.ref.pkg, state: 'failed', code: got.code, message: got.message };
  return { component: item.component, pkg: item.ref.pkg, state: 'fetched', commit: got.commit, ...(got.warning ? { warning: got.warning } : {}) };
}

/** Resolves every item through the cache, `jobs` at a time; the outcomes are in the items' order. */
export async function syncUpstream(items: SyncItem[], options: SyncOptions): Promise<SyncOutcome[]> {
  const outcomes: SyncOutcome[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      const item = items[i] as SyncItem;
      const outcome = options.signal?.aborted
        ? ({ component: item.component, pkg: item.ref.pkg, state: 'failed', code: 'cancelled', message: 'cancelled before it started' } as const)
        : await syncOne(item, options);
      outcomes[i] = outcome;
      done++;
      options.onProgress?.(done, items.length, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs ?? 8, items.length)) }, worker));
  return outcomes;
}
