// What the server knows of the V8 code cache its loader (serverLoader.ts, dist/server.js) compiled it with: the
// loader leaves a handle under a global symbol, the server logs its state at start and asks it to save the cache
// once the start-up scan is done (the functions compiled by then are those the next start needs first). Run
// without the loader (tests that load the bundle directly), there is no handle and nothing happens.

export const CODE_CACHE_KEY = Symbol.for('distro-toml.codeCache');

/** absent: no cache file; rejected: V8 refused it (damaged, other flags); written/unwritable: after save. */
export type CodeCacheState = 'absent' | 'accepted' | 'rejected' | 'written' | 'unwritable';

export interface CodeCacheHandle {
  readonly state: CodeCacheState;
  readonly file: string;
  /** Writes the cache unless one was accepted or written; what happened, for the log (undefined: nothing to do). */
  save(): string | undefined;
}

function handle(): CodeCacheHandle | undefined {
  return (globalThis as Record<symbol, unknown>)[CODE_CACHE_KEY] as CodeCacheHandle | undefined;
}

/** For the start-up log line. */
export function describeCodeCache(): string {
  const h = handle();
  return h ? `code cache ${h.state}` : 'no code cache (bundle loaded directly)';
}

/** Saves the cache when the loader has none it could use; the log line, or undefined when nothing was done. */
export function saveCodeCache(): string | undefined {
  const h = handle();
  const outcome = h?.save();
  return outcome === undefined ? undefined : `Code cache ${outcome}: ${h?.file}`;
}
