// Opens a cached index without reading all of it: the tables a lookup by name needs are read (asynchronously)
// and checked; the string bytes are read a page at a time as strings are looked at, and every other group of
// tables (provides, requires, files, source ordering, sorted names) when first used. The file stays open: a newer index renamed over it leaves this one's bytes intact until it is closed.
import * as fs from 'node:fs';
import { promisify } from 'node:util';
import type { DependencyTable, RepoIndexData } from './indexData';
import { PKG_COLS } from './indexData';
import { assembleIndex, decodeIndexMeta, EAGER_SECTIONS, IndexFormatError, LAZY_GROUPS, pad4, SECTION_KINDS, validateEager, type LazyGroup } from './indexFormat';
import type { ByteRangeReader, U32Reader } from './stringPool';

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

  rangeUncached(start: number, end: number): Uint8Array {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    return this.readAt(start, end - start);
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

const U32_PAGE = PAGE / 4;

/** A section of 32-bit values read a page at a time on demand and kept (the string offsets and hash table: a
 * lookup reads a few pages of them, not all of them). A failed read gives zeros. */
class FileU32Pages implements U32Reader {
  private readonly pages = new Map<number, Uint32Array>();
  private readonly bytes: FilePages;

  constructor(fd: { value: number | undefined }, offset: number, readonly length: number) {
    this.bytes = new FilePages(fd, offset, length * 4);
  }

  get(i: number): number {
    if (!(i >= 0 && i < this.length)) return 0;
    const page = Math.floor(i / U32_PAGE);
    let values = this.pages.get(page);
    if (!values) {
      const start = page * U32_PAGE;
      const end = Math.min(this.length, start + U32_PAGE);
      const b = this.bytes.rangeUncached(start * 4, end * 4);
      values = new Uint32Array(b.buffer, b.byteOffset, end - start);
      this.pages.set(page, values);
    }
    return values[i - page * U32_PAGE] as number;
  }
}

/** Sections read a page at a time instead of whole: string offsets and the string hash table. */
const PAGED_SECTIONS = new Set([1, 2]);

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

type LazySection = { pos: number; count: number; bytes: number };

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
    const places: LazySection[] = [];
    for (let i = 0; i < SECTION_KINDS.length; i++) {
      if (pos + 4 > size) throw new IndexFormatError('truncated index');
      const count = (await readExactly(raw, pos, 4)).readUInt32LE(0);
      pos += 4;
      const bytes = SECTION_KINDS[i] === 'u' ? count * 4 : count;
      if (pos + bytes > size) throw new IndexFormatError('truncated index');
      places.push({ pos, count, bytes });
      pos += bytes + pad4(bytes);
    }
    if (pos !== size) throw new IndexFormatError('index has trailing bytes');
    const secs: (Uint8Array | Uint32Array)[] = [];
    for (let i = 0; i < SECTION_KINDS.length; i++) {
      const at = places[i] as LazySection;
      if (!EAGER_SECTIONS.has(i) || PAGED_SECTIONS.has(i)) secs.push(new Uint8Array(0));
      else secs.push(view(await readExactly(raw, at.pos, at.bytes), i, at.count));
    }
    const data = assembleIndex(meta, secs);
    const strBytes = places[0] as LazySection;
    data.strings.bytes = new FilePages(fd, strBytes.pos, strBytes.bytes);
    data.strings.offsets = new FileU32Pages(fd, (places[1] as LazySection).pos, (places[1] as LazySection).count);
    data.strings.table = new FileU32Pages(fd, (places[2] as LazySection).pos, (places[2] as LazySection).count);
    validateEager(data);
    for (const group of LAZY_GROUPS) lazyGroup(fd, places, data, group);
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

function view(buf: Buffer, section: number, count: number): Uint8Array | Uint32Array {
  return SECTION_KINDS[section] === 'u' ? new Uint32Array(buf.buffer, 0, count) : new Uint8Array(buf.buffer, 0, count);
}

/** Makes a group's fields read (and check) their sections on first use. A section that cannot be read or is
 * inconsistent reads as empty: the index then answers nothing from it, never out of bounds. */
function lazyGroup(fd: { value: number | undefined }, places: readonly LazySection[], data: RepoIndexData, group: LazyGroup): void {
  let loaded: RepoIndexData | undefined;
  const load = (): RepoIndexData => {
    if (loaded) return loaded;
    const P = data.pkg.length / PKG_COLS;
    const S = data.strings.offsets.length - 1;
    const secs = SECTION_KINDS.split('').map((_, i) => (group.sections.includes(i) ? readSection(fd, places[i] as LazySection, i) : new Uint8Array(0)));
    try {
      const d = assembleIndex(data.meta, secs);
      group.validate(d, P, S);
      loaded = d;
    } catch {
      loaded = emptyIndex(data.meta, P);
    }
    return loaded;
  };
  for (const field of group.fields) {
    Object.defineProperty(data, field, { enumerable: true, configurable: true, get: () => load()[field] });
  }
}

function readSection(fd: { value: number | undefined }, at: LazySection, section: number): Uint8Array | Uint32Array {
  if (fd.value === undefined) return new Uint8Array(0);
  const buf = Buffer.allocUnsafeSlow(at.bytes);
  try {
    for (let done = 0; done < at.bytes; ) {
      const n = fs.readSync(fd.value, buf, done, at.bytes - done, at.pos + done);
      if (n === 0) return new Uint8Array(0);
      done += n;
    }
  } catch {
    return new Uint8Array(0);
  }
  return view(buf, section, at.count);
}

/** Every lazily read field, empty: no dependencies, files or orderings for any of `P` packages. */
function emptyIndex(meta: RepoIndexData['meta'], P: number): RepoIndexData {
  const deps = (): DependencyTable => ({ start: new Uint32Array(P + 1), name: new Uint32Array(0), evr: new Uint32Array(0), flags: new Uint8Array(0) });
  const none = new Uint32Array(0);
  return {
    meta,
    strings: { bytes: new Uint8Array(0), offsets: none, table: none },
    pkg: none,
    provides: deps(),
    requires: deps(),
    fileStart: new Uint32Array(P + 1),
    fileName: none,
    pkgByName: none,
    provByName: none,
    fileByName: none,
    pkgBySource: none,
    binaryNamesSorted: none,
    sourceNamesSorted: none,
  };
}
