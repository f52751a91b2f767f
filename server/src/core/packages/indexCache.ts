// The on-disk cache of repository indexes, shared by the CLI and every editor window: one file per repository
// URL, written to a temporary file and renamed into place, so readers only ever see a whole index.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RepoIndexData, RepoIndexMeta } from './indexData';
import { decodeIndex, decodeIndexMeta, encodeIndex, IndexFormatError } from './indexFormat';

/** `$XDG_CACHE_HOME/distro-toml/packages` (default `~/.cache/...`). */
export function defaultPackageCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache'), 'distro-toml', 'packages');
}

/** The cache file of repository `url`. */
export function cacheFileFor(cacheDir: string, url: string): string {
  const slug = url.replace(/^[a-z]+:\/\//, '').replace(/[^A-Za-z0-9._-]+/g, '_').slice(-60);
  const hash = crypto.createHash('sha256').update(url).digest('hex').slice(0, 16);
  return path.join(cacheDir, `${slug}-${hash}.idx`);
}

export type CacheRead =
  | { state: 'ok'; data: RepoIndexData }
  | { state: 'missing' }
  /** Present but unusable (corrupt, truncated or an older format): it will be rebuilt. */
  | { state: 'invalid'; reason: string };

export function readCachedIndex(cacheDir: string, url: string): CacheRead {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(cacheFileFor(cacheDir, url));
  } catch {
    return { state: 'missing' };
  }
  try {
    const data = decodeIndex(buf);
    if (data.meta.url !== url) return { state: 'invalid', reason: `cache file belongs to ${data.meta.url}` };
    return { state: 'ok', data };
  } catch (e) {
    if (e instanceof IndexFormatError) return { state: 'invalid', reason: e.message };
    throw e;
  }
}

/** Only the metadata of a cached index (revision, checksum), reading the header alone. */
export function readCachedMeta(cacheDir: string, url: string): RepoIndexMeta | undefined {
  let fd: number;
  try {
    fd = fs.openSync(cacheFileFor(cacheDir, url), 'r');
  } catch {
    return undefined;
  }
  try {
    const head = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    const meta = decodeIndexMeta(head.subarray(0, n));
    return meta.url === url ? meta : undefined;
  } catch (e) {
    if (e instanceof IndexFormatError) return undefined;
    throw e;
  } finally {
    fs.closeSync(fd);
  }
}

/** Creates the cache directory; one that cannot be (a file in its path, no permission) is said so in words. */
export function ensureCacheDir(cacheDir: string): void {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
  } catch (e) {
    throw new Error(`cannot create the package cache directory ${cacheDir}: ${fsErrorReason(e)}`);
  }
}

/** A new, unique temporary file name beside the cache file of `url` (same directory, so a rename is atomic). */
export function cacheTempFile(cacheDir: string, url: string): { tmp: string; target: string } {
  ensureCacheDir(cacheDir);
  const target = cacheFileFor(cacheDir, url);
  return { tmp: tempFileBeside(target), target };
}

/** A new, unique temporary file name beside `target` (same directory, so renaming it to `target` is atomic). */
export function tempFileBeside(target: string): string {
  return `${target}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
}

/** Puts a fully written index in place: readers see the old file or the new one, never a part. */
export function commitCacheFile(tmp: string, target: string): void {
  try {
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Writes an in-memory index atomically: a uniquely named temporary file in the same directory, then rename. */
export function writeCachedIndex(cacheDir: string, data: RepoIndexData): string {
  const { tmp, target } = cacheTempFile(cacheDir, data.meta.url);
  const fd = fs.openSync(tmp, 'wx', 0o644);
  try {
    for (const part of encodeIndex(data)) {
      for (let off = 0; off < part.length; ) off += fs.writeSync(fd, part, off);
    }
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  commitCacheFile(tmp, target);
  return target;
}

/** What a file-system error says, without its code and syscall: "EACCES: permission denied, open '/x'" -> "permission denied". */
export function fsErrorReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return /^E[A-Z]+: ([^,]+),/.exec(message)?.[1] ?? message;
}
