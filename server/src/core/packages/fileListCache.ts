// The file-list index's place in the package cache: beside the repository's primary index (same name, `.files`),
// written to a uniquely named temporary file and renamed, so a reader sees the old file or the new one.
import * as fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cacheFileFor, ensureCacheDir, tempFileBeside } from './indexCache';
import { FileListFormatError, FileListIndex } from './fileLists';

export function fileListCacheFor(cacheDir: string, url: string): string {
  return cacheFileFor(cacheDir, url).replace(/\.idx$/, '.files');
}

export function writeFileListIndex(cacheDir: string, index: FileListIndex): string {
  ensureCacheDir(cacheDir);
  const target = fileListCacheFor(cacheDir, index.meta.url);
  const tmp = tempFileBeside(target);
  const fd = fs.openSync(tmp, 'wx', 0o644);
  try {
    for (const part of index.encode()) for (let off = 0; off < part.length; ) off += fs.writeSync(fd, part, off);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return target;
}

export type FileListLoad = { state: 'loaded'; index: FileListIndex } | { state: 'missing' } | { state: 'invalid' | 'stale'; reason: string };

/** Loads the file-list index of `url` for the primary index whose checksum is `primaryChecksum`. */
export async function loadFileListIndex(cacheDir: string, url: string, primaryChecksum: string): Promise<FileListLoad> {
  let bytes: Buffer;
  try {
    bytes = await readFile(fileListCacheFor(cacheDir, url));
  } catch {
    return { state: 'missing' };
  }
  try {
    const index = FileListIndex.decode(bytes);
    if (index.meta.url !== url) return { state: 'invalid', reason: `file list belongs to ${index.meta.url}` };
    if (index.meta.primaryChecksum !== primaryChecksum) return { state: 'stale', reason: 'file list was built for another primary; it is rebuilt on the next sync' };
    return { state: 'loaded', index };
  } catch (e) {
    if (e instanceof FileListFormatError) return { state: 'invalid', reason: `${e.message}; it will be rebuilt on the next sync` };
    throw e;
  }
}
