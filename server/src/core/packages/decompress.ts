// Streams a metadata file through its decompressor (gzip built in; zstd by fzstd and xz by xz-decompress, both
// pure JS/WASM so they run on any Node VS Code ships; bzip2 by seek-bzip), refusing output beyond a limit.
import { commonJsExports } from './commonJsExports';
import * as zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { Decompress as ZstdDecompress } from 'fzstd';
import type { Compression } from './repomd';

export class DecompressError extends Error {}

function tooLarge(limit: number): DecompressError {
  return new DecompressError(`decompressed data exceeds ${limit} bytes (a decompression bomb, or a limit too low for this repository)`);
}

async function* bounded(source: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > limit) throw tooLarge(limit);
    yield chunk;
  }
}

async function* gunzip(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const z = zlib.createGunzip();
  const input = Readable.from(source, { objectMode: false });
  input.on('error', (e) => z.destroy(e));
  input.pipe(z);
  try {
    for await (const chunk of z) yield chunk as Buffer;
  } catch (e) {
    throw e instanceof DecompressError ? e : new DecompressError(`gzip: ${(e as Error).message}`);
  } finally {
    input.destroy();
    z.destroy();
  }
}

/** Input is fed in small slices and output counted as each block appears, so a bomb stops early. */
async function* unzstd(source: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  let out: Uint8Array[] = [];
  let ended = false;
  let total = 0;
  const d = new ZstdDecompress((data, final) => {
    total += data.length;
    if (total > limit) throw tooLarge(limit);
    out.push(data);
    if (final) ended = true;
  });
  const push = (chunk: Uint8Array, final: boolean): void => {
    try {
      d.push(chunk, final);
    } catch (e) {
      throw e instanceof DecompressError ? e : new DecompressError(`zstd: ${(e as Error).message}`);
    }
  };
  const SLICE = 1 << 16;
  for await (const chunk of source) {
    for (let i = 0; i + SLICE < chunk.length; i += SLICE) push(chunk.subarray(i, i + SLICE), false);
    push(chunk.subarray(chunk.length - (chunk.length % SLICE || SLICE)), false);
    if (out.length) {
      const ready = out;
      out = [];
      yield* ready;
    }
  }
  push(new Uint8Array(0), true);
  yield* out;
  if (!ended) throw new DecompressError('zstd: the compressed stream is truncated');
}

async function* unxz(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const { XzReadableStream } = commonJsExports(await import('xz-decompress'), 'XzReadableStream');
  const web = Readable.toWeb(Readable.from(source)) as unknown as ReadableStream<Uint8Array>;
  const reader = new XzReadableStream(web).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } catch (e) {
    throw new DecompressError(`xz: ${(e as Error).message}`);
  } finally {
    reader.releaseLock();
  }
}

/** bzip2 has no streaming decoder here: input (bounded by the declared size) is decoded whole, output counted. */
async function* bunzip(source: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of source) parts.push(c);
  const Bunzip = (await import('seek-bzip')).default;
  const chunks: Buffer[] = [];
  let cur = Buffer.alloc(1 << 16), pos = 0, total = 0;
  const output = {
    writeByte(b: number): void {
      if (++total > limit) throw tooLarge(limit);
      if (pos === cur.length) {
        chunks.push(cur);
        cur = Buffer.alloc(1 << 16);
        pos = 0;
      }
      cur[pos++] = b;
    },
  };
  try {
    Bunzip.decode(Buffer.concat(parts), output, true);
  } catch (e) {
    throw e instanceof DecompressError ? e : new DecompressError(`bzip2: ${(e as Error).message}`);
  }
  chunks.push(cur.subarray(0, pos));
  yield* chunks;
}

/** The decompressed bytes of `source`, at most `limit` of them. */
export function decompress(kind: Compression, source: AsyncIterable<Uint8Array>, limit: number): AsyncIterable<Uint8Array> {
  switch (kind) {
    case 'none': return bounded(source, limit);
    case 'gzip': return bounded(gunzip(source), limit);
    case 'zstd': return bounded(unzstd(source, limit), limit);
    case 'xz': return bounded(unxz(source), limit);
    case 'bzip2': return bunzip(source, limit);
  }
}
