// Opens a cached index without reading all of it: the tables every query needs are read (asynchronously) and
// checked; the string bytes are read a page at a time as strings are looked at, and the requires table on first
// use. The file stays open: a newer index renamed over it leaves this one's bytes intact until it is closed.
import * as fs from 'node:fs';
import { promisify } from 'node:util';
import type { DependencyTable, RepoIndexData } from './indexData';
import { PKG_COLS } from './indexData';
import { assembleIndex, decodeIndexMeta, IndexFormatError, LAZY_SECTIONS, pad4, SECTION_KINDS, validateDependencies, validateIndex } from './indexFormat';
import type { ByteRangeReader } from './stringPool';

const open = promisify(fs.open);
const read = promisify(fs.read);
const close = promisify(fs.close);

const PAGE = 1 << 14;

/** Bytes of one file region, read in pages on demand and kept. A failed read gives zeros, never an exception. */
class FilePages implements ByteRangeReader {
  private readonly pages = new Map<number, Buffer>();

  constructor(private readonly fd: { value: number | undefined }, private readonly offset: number, readonly length: number) {}

  private readAt(pos: number, len: number): Buffer {
    const out = Buffer.alloc(len);
    if (this.fd.value === undefined) return out;
    try {
      for (let done = 0; done < len; ) {
        const n = fs.readSync(this.fd.value, out, done, len - done, this.offset + pos + done);
        if (n === 0) break;
        done += n;
      }
    } catch {
      // A closed or vanished file reads as zeros: wrong answers for a stale index, not a crash.
    }
    return out;
  }

  range(start: number, end: number): Uint8Array {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    const page = Math.floor(start / PAGE);
    if (Math.floor((end - 1) / PAGE) !== page || end === start) return end === start ? new Uint8Array(0) : this.readAt(start, end - start);
    let buf = this.pages.get(page);
    if (!buf) {
      buf = this.readAt(page * PAGE, Math.min(PAGE, this.length - page * PAGE));
      this.pages.set(page, buf);
    }
    return buf.subarray(start - page * PAGE, end - page * PAGE);
  }
}

export interface OpenedIndex {
  data: RepoIndexData;
  close(): Promise<void>;
}

const closer = new FinalizationRegistry<{ value: number | undefined }>((fd) => {
  if (fd.value !== undefined) fs.close(fd.value, () => undefined);
});

async function readExactly(fd: number, pos: number, len: number): Promise<Buffer> {
  // allocUnsafeSlow: its own ArrayBuffer at offset 0, so 4-byte typed views are aligned.
  const buf = Buffer.allocUnsafeSlow(len);
  for (let done = 0; done < len; ) {
    const { bytesRead } = await read(fd, buf, done, len - done, pos + done);
    if (bytesRead === 0) throw new IndexFormatError('truncated index');
    done += bytesRead;
  }
  return buf;
}

/** Opens the index file at `file`; throws IndexFormatError when it is not a whole, current index. */
export async function openIndexFile(file: string): Promise<OpenedIndex> {
  const raw = await open(file, 'r');
  const fd: { value: number | undefined } = { value: raw };
  try {
    const size = fs.fstatSync(raw).size;
    if (size < 16) throw new IndexFormatError('not a package index file');
    const head = await readExactly(raw, 0, 16);
    const metaLen = head.readUInt32LE(12);
    if (16 + metaLen > size) throw new IndexFormatError('truncated index header');
    const meta = decodeIndexMeta(await readExactly(raw, 0, 16 + metaLen));
    let pos = 16 + metaLen + pad4(metaLen);
    const secs: (Uint8Array | Uint32Array)[] = [];
    const lazy = new Map<number, { pos: number; count: number; bytes: number }>();
    for (let i = 0; i < SECTION_KINDS.length; i++) {
      if (pos + 4 > size) throw new IndexFormatError('truncated index');
      const count = (await readExactly(raw, pos, 4)).readUInt32LE(0);
      pos += 4;
      const kind = SECTION_KINDS[i];
      const bytes = kind === 'u' ? count * 4 : count;
      if (pos + bytes > size) throw new IndexFormatError('truncated index');
      if (LAZY_SECTIONS.has(i)) {
        lazy.set(i, { pos, count, bytes });
        secs.push(new Uint8Array(0));
      } else {
        const buf = await readExactly(raw, pos, bytes);
        secs.push(kind === 'u' ? new Uint32Array(buf.buffer, 0, count) : new Uint8Array(buf.buffer, 0, count));
      }
      pos += bytes + pad4(bytes);
    }
    if (pos !== size) throw new IndexFormatError('index has trailing bytes');
    const data = assembleIndex(meta, secs);
    const strBytes = lazy.get(0) as { pos: number; bytes: number };
    data.strings.bytes = new FilePages(fd, strBytes.pos, strBytes.bytes);
    validateIndex(data, false);
    let requires: DependencyTable | undefined;
    Object.defineProperty(data, 'requires', {
      enumerable: true,
      get(): DependencyTable {
        requires ??= loadRequires(fd, lazy, data);
        return requires;
      },
    });
    closer.register(data, fd);
    return {
      data,
      close: async () => {
        const v = fd.value;
        fd.value = undefined;
        closer.unregister(data);
        if (v !== undefined) await close(v);
      },
    };
  } catch (e) {
    fd.value = undefined;
    await close(raw);
    throw e;
  }
}

/** The requires table, read now; an unreadable or inconsistent one reads as empty (it feeds hovers only). */
function loadRequires(fd: { value: number | undefined }, lazy: Map<number, { pos: number; count: number; bytes: number }>, data: RepoIndexData): DependencyTable {
  const P = data.pkg.length / PKG_COLS;
  const empty: DependencyTable = { start: new Uint32Array(P + 1), name: new Uint32Array(0), evr: new Uint32Array(0), flags: new Uint8Array(0) };
  if (fd.value === undefined) return empty;
  try {
    const sec = (i: number): Buffer => {
      const s = lazy.get(i) as { pos: number; bytes: number };
      const buf = Buffer.allocUnsafeSlow(s.bytes);
      for (let done = 0; done < s.bytes; ) {
        const n = fs.readSync(fd.value as number, buf, done, s.bytes - done, s.pos + done);
        if (n === 0) throw new IndexFormatError('truncated index');
        done += n;
      }
      return buf;
    };
    const u = (i: number): Uint32Array => new Uint32Array(sec(i).buffer, 0, (lazy.get(i) as { count: number }).count);
    const t: DependencyTable = { start: u(8), name: u(9), evr: u(10), flags: new Uint8Array(sec(11).buffer, 0, (lazy.get(11) as { count: number }).count) };
    validateDependencies(t, P, data.strings.offsets.length - 1);
    return t;
  } catch {
    return empty;
  }
}
