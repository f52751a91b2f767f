// Builds one repository's index from primary.xml, fed as decompressed chunks: into a file (a repository sync,
// sections spilled to a temporary file beside it) or into memory (small repositories, tests).
import * as fs from 'node:fs';
import { RepoIndexBuilder } from './indexBuilder';
import type { RepoIndexData, RepoIndexMeta } from './indexData';
import { decodeIndex } from './indexFormat';
import { PrimaryXmlReader } from './primaryXml';
import { FileSpillStore } from './spill';

type Chunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

async function parseInto(builder: RepoIndexBuilder, chunks: Chunks): Promise<void> {
  const reader = new PrimaryXmlReader(builder);
  for await (const chunk of chunks) reader.write(chunk);
  reader.end();
}

/** The index of `chunks`, in memory (decoded and checked as a cache file would be). */
export async function buildIndexFromPrimary(chunks: Chunks, meta: Omit<RepoIndexMeta, 'packageCount'>): Promise<RepoIndexData> {
  const builder = new RepoIndexBuilder();
  await parseInto(builder, chunks);
  const parts: Uint8Array[] = [];
  builder.finish(meta, (b) => parts.push(b.slice()));
  return decodeIndex(Buffer.concat(parts));
}

/** Builds the index of `chunks` into `file` (created, must not exist; removed on failure). `file + '.spill'`
 * holds the spilled sections meanwhile. Writes go through a buffer of 1 MiB. */
export async function buildIndexFile(chunks: Chunks, meta: Omit<RepoIndexMeta, 'packageCount'>, file: string): Promise<RepoIndexMeta> {
  const store = new FileSpillStore(`${file}.spill`);
  let fd: number | undefined;
  try {
    const builder = new RepoIndexBuilder(store);
    await parseInto(builder, chunks);
    fd = fs.openSync(file, 'wx', 0o644);
    const out = fd;
    const buf = Buffer.allocUnsafe(1 << 20);
    let used = 0;
    const flush = (): void => {
      for (let off = 0; off < used; ) off += fs.writeSync(out, buf, off, used - off);
      used = 0;
    };
    const result = builder.finish(meta, (bytes) => {
      if (used + bytes.length > buf.length) flush();
      if (bytes.length >= buf.length) {
        for (let off = 0; off < bytes.length; ) off += fs.writeSync(out, bytes, off, bytes.length - off);
        return;
      }
      buf.set(bytes, used);
      used += bytes.length;
    });
    flush();
    fs.fsyncSync(out);
    fs.closeSync(out);
    fd = undefined;
    return result;
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw e;
  } finally {
    store.dispose();
  }
}
