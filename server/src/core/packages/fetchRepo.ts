// Syncs one repository into the cache: repomd.xml first (an unchanged revision downloads nothing else), then
// primary, streamed through size and checksum checks, decompression (open-size and open-checksum checked too)
// and the index builder. Only a fully verified index replaces the cached one; failures are retried with backoff.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildIndexFile } from './buildIndex';
import { decompress, unzstdInWorker } from './decompress';
import { FetchError, openResource, type FetchFunction } from './fetchResource';
import type { RepoIndexMeta } from './indexData';
import { cacheFileFor, cacheTempFile, commitCacheFile, readCachedMeta } from './indexCache';
import { openIndexFile, type OpenedIndex } from './indexFile';
import { buildFileListIndex } from './fileLists';
import { loadFileListIndex, writeFileListIndex } from './fileListCache';
import { RepoIndex } from './repoIndex';
import { compressionOf, parseRepomd, MAX_REPOMD_BYTES, type Checksum, type Repomd, type RepomdEntry } from './repomd';

export class SyncError extends Error {}

export interface SyncProgress {
  repo: string;
  phase: 'repomd' | 'primary' | 'filelists';
  bytes: number;
  total: number | undefined;
}

export interface SyncOptions {
  cacheDir: string;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  fetch?: FetchFunction;
  /** Attempts after the first one for failures that may pass (network, truncation, checksum). */
  retries?: number;
  /** First wait between attempts; doubles each time. */
  backoffMs?: number;
  /** Largest compressed primary accepted. */
  maxDownloadBytes?: number;
  /** Largest uncompressed primary accepted (repomd's open-size, when smaller, is the limit). */
  maxXmlBytes?: number;
  /** Also fetch `filelists`, so that file dependencies outside primary's file list can be checked. */
  filelists?: boolean;
  /** Rebuild even when the revision is unchanged. */
  force?: boolean;
  /** The zstd decoder's thread (zstdWorker.ts): its script, by default `zstd-worker.js` beside this bundle when
   * there is one; false decodes on the reader's thread. */
  zstdWorker?: string | false;
}

/** dist/zstd-worker.js beside the bundle this code runs from (the CLI's chunks, the server's bundle), if built. */
function defaultZstdWorker(): string | undefined {
  const script = path.join(__dirname, 'zstd-worker.js');
  return fs.existsSync(script) ? script : undefined;
}

/** What a sync did with filelists (only when asked for). */
export type FileListSync = { status: 'unchanged' | 'updated'; fileCount: number; unmatched?: number };

export type SyncResult =
  | { repo: string; status: 'unchanged'; meta: RepoIndexMeta; filelists?: FileListSync }
  | { repo: string; status: 'updated'; meta: RepoIndexMeta; cacheFile: string; filelists?: FileListSync };

const HASHES: Record<string, string> = { sha: 'sha1', sha1: 'sha1', sha224: 'sha224', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };

function hashAlgorithm(sum: Checksum | undefined, what: string): string {
  if (!sum) throw new SyncError(`repomd.xml gives no ${what}`);
  const algo = HASHES[sum.type.toLowerCase()];
  if (!algo) throw new SyncError(`repomd.xml: unsupported ${what} type '${sum.type}'`);
  return algo;
}

/** A checksum being computed: a node:crypto hash, or one the zstd thread computes. */
interface Digest {
  digest(encoding: 'hex'): string;
}

/** Passes bytes through while counting and hashing them; fails past `limit` bytes. */
async function* verified(source: AsyncIterable<Uint8Array>, hash: crypto.Hash, limit: number, what: string, counted: (n: number) => void): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > limit) throw new SyncError(`${what} is larger than ${limit} bytes`);
    hash.update(chunk);
    counted(total);
    yield chunk;
  }
}

async function readAll(source: AsyncIterable<Uint8Array>, limit: number, what: string): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const c of source) {
    total += c.length;
    if (total > limit) throw new SyncError(`${what} is larger than ${limit} bytes`);
    parts.push(c);
  }
  return Buffer.concat(parts);
}

/** A metadata file (primary, filelists) opened for streaming: its XML after size and checksum checks and
 * decompression, and the checks that can only run once it has been read to the end. */
interface VerifiedMetadata {
  xml: AsyncIterable<Uint8Array>;
  downloadedBytes(): number;
  /** Throws when a size or checksum differs from what repomd.xml declares. */
  verify(): void;
}

async function openVerified(repo: string, entry: RepomdEntry, phase: SyncProgress['phase'], opts: SyncOptions): Promise<VerifiedMetadata> {
  const kind = compressionOf(entry.href);
  if (!kind) throw new SyncError(`unsupported compression for ${entry.href}`);
  const maxDownload = Math.min(entry.size ?? Infinity, opts.maxDownloadBytes ?? 1 << 30);
  const maxXml = Math.min(entry.openSize ?? Infinity, opts.maxXmlBytes ?? 4 * 1024 ** 3);
  const fileHash = crypto.createHash(hashAlgorithm(entry.checksum, 'checksum'));
  const openAlgorithm = kind === 'none' ? undefined : entry.openChecksum ? hashAlgorithm(entry.openChecksum, 'open-checksum') : undefined;
  const res = await openResource(repo, entry.href, { signal: opts.signal, fetch: opts.fetch });
  if (res.size !== undefined && res.size > maxDownload) throw new SyncError(`${entry.href} is ${res.size} bytes, more than ${maxDownload} allowed`);
  let downloadedBytes = 0;
  const progress = (bytes: number): void => {
    downloadedBytes = bytes;
    opts.onProgress?.({ repo, phase, bytes, total: entry.size ?? res.size });
  };
  const downloaded = verified(res.body, fileHash, maxDownload, entry.href, progress);
  const worker = kind === 'zstd' ? (opts.zstdWorker ?? defaultZstdWorker()) : undefined;
  let xml: AsyncIterable<Uint8Array>;
  let xmlBytes = 0;
  let openHash: Digest | undefined;
  if (worker) {
    // Decoded, counted and hashed on the zstd thread; the digest is there once the output has all been read.
    let digest = '';
    xml = unzstdInWorker(downloaded, maxXml, worker, openAlgorithm, (total, d) => {
      xmlBytes = total;
      digest = d ?? '';
    });
    if (openAlgorithm) openHash = { digest: () => digest };
  } else {
    xml = decompress(kind, downloaded, maxXml);
    if (openAlgorithm) {
      const hash = crypto.createHash(openAlgorithm);
      openHash = hash;
      xml = verified(xml, hash, maxXml, `${entry.href} (uncompressed)`, (n) => (xmlBytes = n));
    }
  }
  return { xml, downloadedBytes: () => downloadedBytes, verify: () => verify(entry, fileHash, openHash, res.size, xmlBytes) };
}

/** An error while reading a metadata file, as the caller should see it: a download cut short is retried. */
function readFailure(e: unknown, entry: RepomdEntry, m: VerifiedMetadata, opts: SyncOptions): unknown {
  if (opts.signal?.aborted || e instanceof FetchError) return e;
  // A download cut short shows first as a decompression or XML error: say so, and try again.
  if (entry.size !== undefined && m.downloadedBytes() !== entry.size) {
    return new FetchError(`${entry.href}: failed after ${m.downloadedBytes()} of ${entry.size} bytes (${(e as Error).message})`, true);
  }
  return e;
}

/** Builds primary's index into the temporary file `tmp`; it is removed unless everything verifies. */
async function primaryIndex(repo: string, revision: string, primary: RepomdEntry, opts: SyncOptions, tmp: string): Promise<RepoIndexMeta> {
  const m = await openVerified(repo, primary, 'primary', opts);
  let meta: RepoIndexMeta;
  try {
    meta = await buildIndexFile(m.xml, { url: repo, revision, primaryChecksum: `${primary.checksum?.type}:${primary.checksum?.value}`, syncedAt: Date.now() }, tmp);
  } catch (e) {
    throw readFailure(e, primary, m, opts);
  }
  try {
    m.verify();
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return meta;
}

/** Fetches filelists and keeps its index beside the primary one, unless the cached one matches both checksums. */
async function syncFileLists(repo: string, repomd: Repomd, primaryChecksum: string, opts: SyncOptions): Promise<FileListSync> {
  const entry = repomd.entries.get('filelists');
  if (!entry || !entry.href) throw new SyncError('repomd.xml lists no filelists metadata');
  const checksum = `${entry.checksum?.type}:${entry.checksum?.value}`;
  // The whole file is read and checked, not only its header: a damaged one is rebuilt.
  const cached = opts.force ? undefined : await loadFileListIndex(opts.cacheDir, repo, primaryChecksum);
  if (cached?.state === 'loaded' && cached.index.meta.filelistsChecksum === checksum) return { status: 'unchanged', fileCount: cached.index.fileCount };
  // The rows are resolved against the primary index as it is on disk now (another process may have replaced it
  // since): the file records that index's checksum, and is used only beside it.
  let opened: OpenedIndex;
  try {
    opened = await openIndexFile(cacheFileFor(opts.cacheDir, repo));
  } catch (e) {
    throw new SyncError(`filelists: the primary index cannot be read (${(e as Error).message})`);
  }
  let built: Awaited<ReturnType<typeof buildFileListIndex>>;
  try {
    const m = await openVerified(repo, entry, 'filelists', opts);
    try {
      built = await buildFileListIndex(m.xml, new RepoIndex(opened.data), { url: repo, primaryChecksum: opened.data.meta.primaryChecksum, filelistsChecksum: checksum });
    } catch (e) {
      throw readFailure(e, entry, m, opts);
    }
    m.verify();
  } finally {
    await opened.close();
  }
  writeFileListIndex(opts.cacheDir, built.index);
  return { status: 'updated', fileCount: built.index.fileCount, unmatched: built.unmatched };
}

function verify(primary: RepomdEntry, fileHash: Digest, openHash: Digest | undefined, size: number | undefined, xmlBytes: number): void {
  const got = fileHash.digest('hex');
  if (got !== primary.checksum?.value) throw new FetchError(`${primary.href}: checksum mismatch (got ${got}, repomd.xml says ${primary.checksum?.value})`, true);
  if (primary.size !== undefined && size !== undefined && size !== primary.size) throw new FetchError(`${primary.href}: size ${size}, repomd.xml says ${primary.size}`, true);
  if (openHash) {
    const open = openHash.digest('hex');
    if (open !== primary.openChecksum?.value) throw new SyncError(`${primary.href}: uncompressed checksum mismatch (got ${open}, repomd.xml says ${primary.openChecksum?.value})`);
    if (primary.openSize !== undefined && xmlBytes !== primary.openSize) throw new SyncError(`${primary.href}: uncompressed size ${xmlBytes}, repomd.xml says ${primary.openSize}`);
  }
}

async function attempt(repo: string, opts: SyncOptions): Promise<SyncResult> {
  const repomdRes = await openResource(repo, 'repodata/repomd.xml', { signal: opts.signal, fetch: opts.fetch });
  const repomdBytes = await readAll(repomdRes.body, MAX_REPOMD_BYTES, 'repomd.xml');
  opts.onProgress?.({ repo, phase: 'repomd', bytes: repomdBytes.length, total: repomdBytes.length });
  const repomd = parseRepomd(repomdBytes);
  const primary = repomd.entries.get('primary');
  if (!primary || !primary.href) throw new SyncError('repomd.xml lists no primary metadata');
  const cached = readCachedMeta(opts.cacheDir, repo);
  const checksum = `${primary.checksum?.type}:${primary.checksum?.value}`;
  let result: SyncResult;
  if (!opts.force && cached && cached.revision === repomd.revision && cached.primaryChecksum === checksum) {
    result = { repo, status: 'unchanged', meta: cached };
  } else {
    const { tmp, target } = cacheTempFile(opts.cacheDir, repo);
    const meta = await primaryIndex(repo, repomd.revision, primary, opts, tmp);
    commitCacheFile(tmp, target);
    result = { repo, status: 'updated', meta, cacheFile: target };
  }
  if (opts.filelists) result.filelists = await syncFileLists(repo, repomd, checksum, opts);
  return result;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Syncs `repo` (base URL, file:// URL or directory); on failure the cached index stays as it was. */
export async function syncRepository(repo: string, opts: SyncOptions): Promise<SyncResult> {
  const retries = opts.retries ?? 3;
  let wait = opts.backoffMs ?? 500;
  for (let n = 0; ; n++) {
    try {
      return await attempt(repo, opts);
    } catch (e) {
      if (opts.signal?.aborted) throw new SyncError(`${repo}: cancelled`);
      const retryable = e instanceof FetchError && e.retryable;
      if (!retryable || n >= retries) throw new SyncError(`${repo}: ${(e as Error).message}`);
      await sleep(wait, opts.signal);
      wait *= 2;
    }
  }
}
