// The zstd decoder's thread (dist/zstd-worker.js): decompresses what decompress.ts's `unzstdInWorker` sends,
// counts and hashes the output (the open-checksum), and sends it back in buffers of 512 KiB, so that a sync's XML
// reader and index builder have the main thread to themselves. Its protocol is in decompress.ts.
import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { Decompress } from 'fzstd';
import type { ZstdWorkerData, ZstdWorkerReply, ZstdWorkerRequest } from './decompress';

const OUT_BYTES = 1 << 19;
/** Output sent and not yet taken by the reader, at most (then this thread waits: the output is ten times the
 * input and the reader is the slower side). */
const MAX_UNREAD = 2 << 20;
const SLICE = 1 << 16;

class TooLarge extends Error {}

const { limit, hash, unread: unreadBuffer } = workerData as ZstdWorkerData;
const unread = new Int32Array(unreadBuffer);
const port = parentPort;
const hasher = hash ? createHash(hash) : undefined;
let out = new Uint8Array(OUT_BYTES);
let used = 0;
let total = 0;
let ended = false;

function post(m: ZstdWorkerReply, transfer?: ArrayBuffer[]): void {
  port?.postMessage(m, transfer);
}

/** The decoder makes a new buffer for each block (up to 128 KiB, outside the JS heap) and little else on the JS
 * heap, so V8 would collect them only once 64 MB of them had piled up (its external-memory trigger), and young
 * collections alone (measured) still left ~20 MB of them: this thread's heap is collected in full after every
 * 4 MiB of output (a heap of a few MB: well under a millisecond each). V8's flags are the process's: the flag
 * that exposes `gc` is set only while this thread makes the context it takes it from, and cleared at once (a code
 * cache the CLI or the server writes afterwards must carry the flags they start with, or V8 rejects it). */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
setFlagsFromString('--no-expose-gc');
const COLLECT_EVERY = 4 << 20;
let sinceCollect = 0;

function flush(): void {
  if (!used) return;
  const buffer = out.buffer as ArrayBuffer;
  post({ type: 'data', buffer, length: used }, [buffer]);
  Atomics.add(unread, 0, used);
  sinceCollect += used;
  if (sinceCollect >= COLLECT_EVERY) {
    sinceCollect = 0;
    collect();
  }
  out = new Uint8Array(OUT_BYTES);
  used = 0;
  for (let v = Atomics.load(unread, 0); v > MAX_UNREAD; v = Atomics.load(unread, 0)) Atomics.wait(unread, 0, v, 1000);
}

const decoder = new Decompress((data, final) => {
  total += data.length;
  if (total > limit) throw new TooLarge();
  hasher?.update(data);
  for (let at = 0; at < data.length; ) {
    const n = Math.min(data.length - at, OUT_BYTES - used);
    out.set(data.subarray(at, at + n), used);
    used += n;
    at += n;
    if (used === OUT_BYTES) flush();
  }
  if (final) ended = true;
});

port?.on('message', (m: ZstdWorkerRequest) => {
  try {
    if (m.type === 'data') {
      const chunk = m.chunk;
      for (let i = 0; i + SLICE < chunk.length; i += SLICE) decoder.push(chunk.subarray(i, i + SLICE), false);
      decoder.push(chunk.subarray(chunk.length - (chunk.length % SLICE || SLICE)), false);
      post({ type: 'consumed', bytes: chunk.length });
    } else {
      decoder.push(new Uint8Array(0), true);
      flush();
      if (!ended) post({ type: 'error', message: 'the compressed stream is truncated', tooLarge: false });
      else post({ type: 'end', total, digest: hasher?.digest('hex') });
    }
  } catch (e) {
    post({ type: 'error', message: (e as Error).message, tooLarge: e instanceof TooLarge });
  }
});
