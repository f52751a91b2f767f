// Opens a cached index without reading all of it: opening reads the header and the place of each table; the
// tables a lookup by name or source needs (strings, package rows, name and source orderings) are read a page at a
// time as lookups touch them, each value checked as it is read, and every other group of tables (provides,
// requires, files, sorted names) is read whole and checked when first used. Damage met on the way is noted in
// `data.damage` (and the damaged part answers nothing). The file stays open: a newer index renamed over it
// leaves this one's bytes intact until it is closed.
import * as fs from 'node:fs';
import { promisify } from 'node:util';
import { IndexDamage, PKG_COLS, type DependencyTable, type RepoIndexData } from './indexData';
import { assembleIndex, decodeIndexMeta, IndexFormatError, LAZY_GROUPS, pad4, SECTION_KINDS, validatePaged, type LazyGroup } from './indexFormat';
import type { ByteRangeReader, U32Reader } from './stringPool';
import { drain } from '../drain';

const open = promisify(fs.open);
const close = promisify(fs.close);
const read = promisify(fs.read);

const PAGE = 1 << 14;

/** Bytes of one file region, read in pages on demand and kept. A failed read gives zeros, never an exception. */
class FilePages implements ByteRangeReader {
  private readonly pages = new Map<number, Uint8Array>();

  constructor(private readonly fd: { value: number | undefined }, private readonly offset: number, readonly length: number) {}

  private readAt(pos: number, len: number, into?: Uint8Array): Uint8Array {
    // Not zeroed first (a pass over the pool reads it in 1 MB windows: zeroing them was a fifth of its time); what
    // was not read is zeroed after.
    const out = into && into.length >= len ? into.subarray(0, len) : Buffer.allocUnsafe(len);
    let done = 0;
    try {
      while (this.fd.value !== undefined && done < len) {
        const n = fs.readSync(this.fd.value, out, done, len - done, this.offset + pos + done);
        if (n === 0) break;
        done += n;
      }
    } catch {
      // A closed or vanished file reads as zeros: wrong answers for a stale index, not a crash.
    }
    out.fill(0, done);
    return out;
  }

  rangeUncached(start: number, end: number, into?: Uint8Array): Uint8Array {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    return this.readAt(start, end - start, into);
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

  has(i: number): boolean {
    return !(i >= 0 && i < this.length) || this.pages.has(Math.floor(i / U32_PAGE));
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

export interface OpenedIndex {
  data: RepoIndexData;
  close(): Promise<void>;
}

const closer = new FinalizationRegistry<{ value: number | undefined }>((fd) => {
  if (fd.value !== undefined) fs.close(fd.value, () => undefined);
});

/** `len` bytes at `pos`, read synchronously: opening reads the header and 20 section lengths, each a few bytes
 * of a local file — waiting for the thread pool 22 times would cost a loaded machine more than the reads. */
function readExactly(fd: number, pos: number, len: number): Buffer {
  const buf = Buffer.alloc(len);
  for (let done = 0; done < len; ) {
    const n = fs.readSync(fd, buf, done, len - done, pos + done);
    if (n === 0) throw new IndexFormatError('truncated index');
    done += n;
  }
  return buf;
}

type LazySection = { pos: number; count: number; bytes: number };
type Section = Uint8Array | Uint32Array;

/** Opens the index file at `file`; throws IndexFormatError when it is not a whole, current index. */
export async function openIndexFile(file: string): Promise<OpenedIndex> {
  const raw = await open(file, 'r');
  const fd: { value: number | undefined } = { value: raw };
  try {
    const size = fs.fstatSync(raw).size;
    if (size < 16) throw new IndexFormatError('not a package index file');
    const head = readExactly(raw, 0, 16);
    const metaLen = head.readUInt32LE(12);
    if (16 + metaLen > size) throw new IndexFormatError('truncated index header');
    const meta = decodeIndexMeta(readExactly(raw, 0, 16 + metaLen));
    let pos = 16 + metaLen + pad4(metaLen);
    const places: LazySection[] = [];
    for (let i = 0; i < SECTION_KINDS.length; i++) {
      if (pos + 4 > size) throw new IndexFormatError('truncated index');
      const count = readExactly(raw, pos, 4).readUInt32LE(0);
      pos += 4;
      const bytes = SECTION_KINDS[i] === 'u' ? count * 4 : count;
      if (pos + bytes > size) throw new IndexFormatError('truncated index');
      places.push({ pos, count, bytes });
      pos += bytes + pad4(bytes);
    }
    if (pos !== size) throw new IndexFormatError('index has trailing bytes');
    // The paged sections (PAGED_SECTIONS): nothing of them is read here but the first and last string offsets.
    const data = assembleIndex(meta, SECTION_KINDS.split('').map(() => new Uint8Array(0)));
    const paged = (i: number): FileU32Pages => new FileU32Pages(fd, (places[i] as LazySection).pos, (places[i] as LazySection).count);
    data.strings.bytes = new FilePages(fd, (places[0] as LazySection).pos, (places[0] as LazySection).bytes);
    data.strings.offsets = paged(1);
    data.strings.table = paged(2);
    data.pkg = paged(3);
    data.pkgByName = paged(14);
    data.pkgBySource = paged(17);
    validatePaged(data);
    data.damage = new IndexDamage();
    const groups = LAZY_GROUPS.map((group) => ({ group, lazy: lazyGroup(fd, places, data, group) }));
    const groupOf = (field: keyof RepoIndexData) => groups.find((g) => g.group.fields.includes(field))?.lazy;
    data.lazy = {
      readAhead: async (field) => groupOf(field)?.readAhead(),
      *loading(field) {
        const g = groupOf(field);
        if (g) yield* g.loading();
      },
    };
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
 * inconsistent reads as empty: the index then answers nothing from it, never out of bounds. Ahead of that use the
 * sections may be read without holding the thread (readAhead) and checked a part per step (loading). */
function lazyGroup(fd: { value: number | undefined }, places: readonly LazySection[], data: RepoIndexData, group: LazyGroup): { readAhead(): Promise<void>; loading(): Generator<void> } {
  let loaded: RepoIndexData | undefined;
  let readAhead: Promise<Section[]> | undefined;
  let readAheadDone: Section[] | undefined;
  const sectionsOf = (read: (i: number) => Section): Section[] => SECTION_KINDS.split('').map((_, i) => (group.sections.includes(i) ? read(i) : new Uint8Array(0)));
  function* loading(): Generator<void> {
    if (loaded) return;
    const P = data.pkg.length / PKG_COLS;
    const S = data.strings.offsets.length - 1;
    const secs = readAheadDone ?? sectionsOf((i) => readSection(fd, places[i] as LazySection, i));
    let d: RepoIndexData;
    try {
      if (group.sections.some((i) => secs[i]?.length !== (places[i] as LazySection).count)) throw new IndexFormatError(`unreadable ${group.fields.join(', ')}`);
      d = assembleIndex(data.meta, secs);
      yield* group.validating(d, P, S);
    } catch (e) {
      // (A load at once meanwhile noted the same damage.)
      if (loaded) return;
      data.damage?.note(e instanceof IndexFormatError ? e.message.replace(/^corrupt index: /, '') : String(e));
      d = emptyIndex(data.meta, P);
    }
    // A use meanwhile loaded it at once: the same sections, the same check.
    loaded ??= d;
  }
  const load = (): RepoIndexData => {
    if (!loaded) drain(loading());
    return loaded as RepoIndexData;
  };
  for (const field of group.fields) {
    Object.defineProperty(data, field, { enumerable: true, configurable: true, get: () => load()[field] });
  }
  return {
    readAhead: async () => {
      if (loaded || readAheadDone) return;
      readAhead ??= readSectionsInTurn(fd, places, group.sections);
      readAheadDone = await readAhead;
    },
    loading,
  };
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

/**
 * The group's sections read without holding the thread, one after another: each buffer is made (and its read
 * started) once the section before is in. Made all at once, the ~15 MB of a 110,000-package index's provides held the
 * server's main thread 11 ms when its index arrived (collector work the new external memory set off), and the edit
 * typed then waited for it.
 */
async function readSectionsInTurn(fd: { value: number | undefined }, places: readonly LazySection[], sections: readonly number[]): Promise<Section[]> {
  const out: Section[] = SECTION_KINDS.split('').map(() => new Uint8Array(0));
  for (const i of sections) out[i] = await readSectionAsync(fd, places[i] as LazySection, i);
  return out;
}

/** readSection without holding the thread (the read in the thread pool): empty when it cannot be read. */
async function readSectionAsync(fd: { value: number | undefined }, at: LazySection, section: number): Promise<Uint8Array | Uint32Array> {
  if (fd.value === undefined) return new Uint8Array(0);
  const buf = Buffer.allocUnsafeSlow(at.bytes);
  try {
    for (let done = 0; done < at.bytes; ) {
      if (fd.value === undefined) return new Uint8Array(0);
      const { bytesRead } = await read(fd.value, buf, done, at.bytes - done, at.pos + done);
      if (bytesRead === 0) return new Uint8Array(0);
      done += bytesRead;
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
