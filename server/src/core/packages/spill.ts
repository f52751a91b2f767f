// Index sections that nothing reads while the index is built (dependency versions and flags, the requires
// table, package rows) are spilled as the parse goes: each section fills a small buffer, and a full buffer goes
// to a spill store — a temporary file for a repository sync, memory for small in-process builds — to be
// copied into the index file, in order, when the build finishes. Memory stays at one buffer per section.
import * as fs from 'node:fs';

/** Where full section buffers go, and come back from in the order they were stored. */
export interface SpillStore {
  /** Stores a copy of `bytes`; returns a handle for `read`. */
  put(bytes: Uint8Array): number;
  /** The bytes stored under `handle` (valid until the next read). */
  read(handle: number, length: number): Uint8Array;
  dispose(): void;
}

export class MemorySpillStore implements SpillStore {
  private readonly parts: Uint8Array[] = [];
  put(bytes: Uint8Array): number {
    this.parts.push(bytes.slice());
    return this.parts.length - 1;
  }
  read(handle: number): Uint8Array {
    return this.parts[handle] as Uint8Array;
  }
  dispose(): void {
    this.parts.length = 0;
  }
}

/** A temporary file, created exclusively and removed on dispose. */
export class FileSpillStore implements SpillStore {
  private readonly fd: number;
  private disposed = false;
  private size = 0;
  private buf: Buffer = Buffer.alloc(0);

  constructor(private readonly file: string) {
    this.fd = fs.openSync(file, 'wx+', 0o600);
  }

  put(bytes: Uint8Array): number {
    const at = this.size;
    for (let off = 0; off < bytes.length; ) off += fs.writeSync(this.fd, bytes, off, bytes.length - off, at + off);
    this.size += bytes.length;
    return at;
  }

  read(handle: number, length: number): Uint8Array {
    if (this.buf.length < length) this.buf = Buffer.allocUnsafe(length);
    for (let done = 0; done < length; ) {
      const n = fs.readSync(this.fd, this.buf, done, length - done, handle + done);
      if (n === 0) throw new Error('spill file shorter than written');
      done += n;
    }
    return this.buf.subarray(0, length);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    try {
      fs.closeSync(this.fd);
    } finally {
      fs.rmSync(this.file, { force: true });
    }
  }
}

const SPILL_BYTES = 1 << 18;

/** One section of 32-bit (`u32`) or 8-bit (`u8`) values, appended and later read back in order. */
export class SpilledSection {
  private readonly bytes = new Uint8Array(SPILL_BYTES);
  private readonly u32 = new Uint32Array(this.bytes.buffer);
  private pos = 0;
  private readonly stored: { handle: number; length: number }[] = [];
  private stored_ = 0;

  constructor(private readonly store: SpillStore, readonly kind: 'u32' | 'u8') {}

  /** Values appended so far. */
  get count(): number {
    return this.stored_ + this.pos;
  }

  push(v: number): void {
    if (this.kind === 'u32') {
      if (this.pos * 4 === SPILL_BYTES) this.flush();
      this.u32[this.pos++] = v;
    } else {
      if (this.pos === SPILL_BYTES) this.flush();
      this.bytes[this.pos++] = v;
    }
  }

  private flush(): void {
    const length = this.kind === 'u32' ? this.pos * 4 : this.pos;
    if (!length) return;
    this.stored.push({ handle: this.store.put(this.bytes.subarray(0, length)), length });
    this.stored_ += this.pos;
    this.pos = 0;
  }

  /** The section's bytes in order (each chunk valid until the next is asked for). */
  *chunks(): Generator<Uint8Array> {
    for (const s of this.stored) yield this.store.read(s.handle, s.length);
    yield this.bytes.subarray(0, this.kind === 'u32' ? this.pos * 4 : this.pos);
  }
}
