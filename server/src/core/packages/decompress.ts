// Streams a metadata file through its decompressor (gzip built in; zstd by fzstd and xz by xz-decompress, both
// pure JS/WASM so they run on any Node VS Code ships; bzip2 by seek-bzip), refusing output beyond a limit.
import { commonJsExports } from './commonJsExports';
import * as zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
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

/** What the zstd thread (zstdWorker.ts) is started with: the output limit, the open-checksum's algorithm, and
 * one shared counter of the output bytes it has sent and the reader has not yet taken. */
export interface ZstdWorkerData {
  limit: number;
  hash: string | undefined;
  unread: SharedArrayBuffer;
}

/** To the zstd thread: compressed bytes (transferred), then the end of them. */
export type ZstdWorkerRequest = { type: 'data'; chunk: Uint8Array } | { type: 'end' };

/** From the zstd thread: output (`length` bytes of a transferred buffer), how much input it has decoded, the end
 * (with the output's size and hash), or why it stopped. */
export type ZstdWorkerReply =
  | { type: 'data'; buffer: ArrayBuffer; length: number }
  | { type: 'consumed'; bytes: number }
  | { type: 'end'; total: number; digest: string | undefined }
  | { type: 'error'; message: string; tooLarge: boolean };

/** Compressed bytes sent to the zstd thread and not yet decoded, at most: the download is not read ahead. */
const MAX_UNDECODED = 4 << 20;

/** zstd decoded on a thread of its own (`script`: dist/zstd-worker.js), which also hashes the output with
 * `hash` (a node:crypto algorithm) when given: the reader's thread only parses. Errors are those of `unzstd`;
 * `onEnd` is told the output's size and digest once it has all been read. */
export async function* unzstdInWorker(source: AsyncIterable<Uint8Array>, limit: number, script: string, hash: string | undefined, onEnd: (total: number, digest: string | undefined) => void): AsyncGenerator<Uint8Array> {
  const unreadBuffer = new SharedArrayBuffer(4);
  const unread = new Int32Array(unreadBuffer);
  const data: ZstdWorkerData = { limit, hash, unread: unreadBuffer };
  // A small young generation: the decoder's garbage is one block at a time, and the default (tens of MB) would
  // be resident beside the index builder's.
  const worker = new Worker(script, { workerData: data, stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: 2 } });
  const queue: Uint8Array[] = [];
  let finished = false;
  let failure: { error: unknown } | undefined;
  let closed = false;
  let undecoded = 0;
  let wakeReader: (() => void) | undefined;
  let wakePump: (() => void) | undefined;
  const wake = (): void => {
    wakeReader?.();
    wakeReader = undefined;
  };
  const fail = (error: unknown): void => {
    failure ??= { error };
    wake();
    wakePump?.();
  };
  worker.on('message', (m: ZstdWorkerReply) => {
    if (m.type === 'data') queue.push(new Uint8Array(m.buffer, 0, m.length));
    else if (m.type === 'consumed') {
      undecoded -= m.bytes;
      if (undecoded <= MAX_UNDECODED) {
        wakePump?.();
        wakePump = undefined;
      }
    } else if (m.type === 'end') {
      finished = true;
      onEnd(m.total, m.digest);
    } else fail(m.tooLarge ? tooLarge(limit) : new DecompressError(`zstd: ${m.message}`));
    wake();
  });
  worker.on('error', (e) => fail(new DecompressError(`zstd: ${e.message}`)));
  worker.on('exit', () => {
    if (!finished) fail(new DecompressError('zstd: the decoder stopped'));
  });
  const pump = async (): Promise<void> => {
    try {
      for await (const chunk of source) {
        if (closed || failure) return;
        const copy = chunk.slice();
        undecoded += copy.length;
        const m: ZstdWorkerRequest = { type: 'data', chunk: copy };
        worker.postMessage(m, [copy.buffer as ArrayBuffer]);
        while (undecoded > MAX_UNDECODED && !closed && !failure) await new Promise<void>((r) => (wakePump = r));
      }
      if (!closed && !failure) worker.postMessage({ type: 'end' } satisfies ZstdWorkerRequest);
    } catch (e) {
      fail(e);
    }
  };
  void pump();
  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk) {
        Atomics.sub(unread, 0, chunk.length);
        Atomics.notify(unread, 0);
        yield chunk;
        continue;
      }
      if (failure) throw failure.error;
      if (finished) return;
      await new Promise<void>((r) => (wakeReader = r));
    }
  } finally {
    closed = true;
    wakePump?.();
    // A decoder waiting for the reader is woken, so that it sees the termination at once.
    Atomics.store(unread, 0, 0);
    Atomics.notify(unread, 0);
    void worker.terminate();
  }
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
