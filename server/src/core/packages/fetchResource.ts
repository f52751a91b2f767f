// Reads one file of a repository as a stream of bytes: over HTTP(S) with Node's fetch, or from a file://
// URL or a local directory (offline mirrors). The caller bounds and verifies what arrives.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { credentialsProblem } from './repoSources';

export class FetchError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
  }
}

export interface Resource {
  /** The size the server or file system states, when it states one. */
  size: number | undefined;
  body: AsyncIterable<Uint8Array>;
}

/** How HTTP requests are made; tests and the editor may pass their own (for a proxy, say). */
export type FetchFunction = (url: string, init: { signal?: AbortSignal }) => Promise<Response>;

export function isRemote(repo: string): boolean {
  return /^https?:\/\//i.test(repo);
}

/** The local directory a `file://` URL or a plain path names. */
export function localDirOf(repo: string): string {
  return /^file:\/\//i.test(repo) ? fileURLToPath(repo) : path.resolve(repo);
}

/** `rel` inside repository `repo` (a base URL or directory). */
export function resourceLocation(repo: string, rel: string): string {
  if (isRemote(repo)) return new URL(rel, repo.endsWith('/') ? repo : repo + '/').href;
  const dir = localDirOf(repo);
  const p = path.resolve(dir, rel);
  if (p !== dir && !p.startsWith(dir + path.sep)) throw new FetchError(`'${rel}' points outside the repository`, false);
  return p;
}

async function* webBody(body: ReadableStream<Uint8Array>, signal: AbortSignal | undefined, done: () => void): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      let r: Awaited<ReturnType<typeof reader.read>>;
      try {
        r = await reader.read();
      } catch (e) {
        if (signal?.aborted) throw e;
        throw new FetchError(`download interrupted: ${(e as Error).message}`, true);
      }
      if (r.done) return;
      yield r.value;
    }
  } finally {
    reader.cancel().catch(() => undefined);
    done();
  }
}

/** How long a server (or proxy) may take to answer a request with its headers. */
export const RESPONSE_TIMEOUT_MS = 60_000;

export async function openResource(repo: string, rel: string, opts: { signal?: AbortSignal; fetch?: FetchFunction; timeoutMs?: number } = {}): Promise<Resource> {
  // Refused before any message can quote the URL (a password in a log); the entries refuse such URLs first.
  const credentials = isRemote(repo) ? credentialsProblem(repo) : undefined;
  if (credentials) throw new FetchError(credentials, false);
  const where = resourceLocation(repo, rel);
  if (!isRemote(repo)) {
    let size: number;
    try {
      size = fs.statSync(where).size;
    } catch {
      throw new FetchError(`${where} does not exist`, false);
    }
    return { size, body: fs.createReadStream(where, { highWaterMark: 1 << 16, signal: opts.signal }) };
  }
  const doFetch = opts.fetch ?? ((u, init) => fetch(u, init));
  let res: Response;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error(`no answer within ${opts.timeoutMs ?? RESPONSE_TIMEOUT_MS} ms`)), opts.timeoutMs ?? RESPONSE_TIMEOUT_MS);
  const onAbort = (): void => timeout.abort(opts.signal?.reason);
  // The caller's signal outlives this request (one serves a whole refresh): the listener goes when the body is
  // read or the request fails, or listeners pile up on it.
  const forget = (): void => opts.signal?.removeEventListener('abort', onAbort);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    res = await doFetch(where, { signal: timeout.signal });
  } catch (e) {
    forget();
    if (opts.signal?.aborted) throw e;
    if (timeout.signal.aborted) throw new FetchError(`${where}: ${(timeout.signal.reason as Error).message}`, true);
    throw new FetchError(`${where}: ${(e as Error).message}${(e as { cause?: Error }).cause ? ` (${(e as { cause: Error }).cause.message})` : ''}`, true);
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok || !res.body) {
    forget();
    res.body?.cancel().catch(() => undefined);
    throw new FetchError(`${where}: HTTP ${res.status}`, res.status >= 500 || res.status === 429 || res.status === 408);
  }
  const len = res.headers.get('content-length');
  return { size: len !== null && /^\d+$/.test(len) ? Number(len) : undefined, body: webBody(res.body, opts.signal, forget) };
}
