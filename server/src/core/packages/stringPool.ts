// The index's string pool: every distinct string once, as UTF-8 bytes with offsets, and an open-addressing
// hash table from bytes to id so a loaded pool answers "which id is this name" without decoding the pool.
import { ByteBlocks, U32Blocks } from './blocks';
import { drain } from '../drain';

/** FNV-1a over a byte range. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= bytes[i] as number;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The stored form of a pool: `offsets[id]..offsets[id+1]` in `bytes`; `table` holds id + 1 (0: empty) at slot
 * `hash % table.length`, probed linearly; it is sized for a load of 2/3 (no power of two, so no wasted half). */
export interface StringPoolData {
  /** In memory, or read from the cache file a page at a time (indexFile.ts). */
  bytes: Uint8Array | ByteRangeReader;
  /** The same: an opened cache file reads offsets and table a page at a time, so a lookup reads a few pages. */
  offsets: Uint32Array | U32Reader;
  table: Uint32Array | U32Reader;
}

/** Bytes read on demand: `range` returns `end - start` bytes (zeros past the end of what can be read). */
export interface ByteRangeReader {
  readonly length: number;
  range(start: number, end: number): Uint8Array;
  /** The same bytes, read without keeping them (a pass over much of the pool keeps no page); into `into` when it is
   * long enough (the bytes are then valid until the next read into it), else into a buffer of their own. */
  rangeUncached(start: number, end: number, into?: Uint8Array): Uint8Array;
}

/** 32-bit values read on demand: `get(i)` is 0 past the end or where the file cannot be read. */
export interface U32Reader {
  readonly length: number;
  get(i: number): number;
  /** Whether `get(i)` answers without a read (its page was read). */
  has?(i: number): boolean;
}

/** Value `i` of an in-memory or paged table (0 past the end). */
export function u32At(a: Uint32Array | U32Reader, i: number): number {
  return a instanceof Uint32Array ? ((a[i] as number | undefined) ?? 0) : a.get(i);
}

/** UTF-8 bytes as a string: short ASCII runs without a Buffer (a Buffer per string costs more than the decode). */
function utf8Text(b: Uint8Array): string {
  if (b.length <= 64) {
    let ascii = true;
    for (let i = 0; i < b.length; i++) {
      if ((b[i] as number) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, b as unknown as number[]);
  }
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
}

function rangeOf(bytes: Uint8Array | ByteRangeReader, start: number, end: number): Uint8Array {
  return bytes instanceof Uint8Array ? bytes.subarray(start, end) : bytes.range(start, end);
}

function sameBytes(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}

/** Builds a pool by interning byte ranges; id 0 is always the empty string. The bytes and offsets are kept in
 * blocks (growing copies nothing); the hash table is nearly in the stored layout (id + 1 at `hash % slots`, load
 * at most 2/3): while building, the bits of an entry above those an id + 1 needs hold the top bits of its hash,
 * so a probe passes over most other strings without reading their bytes (each a cache miss in tables of tens of
 * MB); sections() clears them. No hash is kept per string (4 bytes each, 7 MB at Fedora's scale): the tag
 * stands in for it in a probe, and a rehash (rare: the table is sized from primary's package count) hashes the
 * bytes again. */
export class StringPoolBuilder {
  private readonly bytes = new ByteBlocks();
  private readonly offsets = new U32Blocks();
  private count = 0;
  private table = new Uint32Array(3 << 12);
  /** Entries are `(id + 1) | (hash & tagMask)`: the id in the bits below `tagMask` (slots < 2^idBits). */
  private idMask = 0;
  private tagMask = 0;
  private tagged = true;

  constructor() {
    this.setMasks();
    this.offsets.push(0);
    this.intern(new Uint8Array(0), 0, 0);
  }

  private setMasks(): void {
    const idBits = 32 - Math.clz32(this.table.length);
    this.idMask = idBits >= 32 ? 0xffffffff : 2 ** idBits - 1;
    this.tagMask = ~this.idMask >>> 0;
  }

  /** Makes room for `strings` strings in all without growing the table again. */
  reserve(strings: number): void {
    const slots = Math.ceil(strings * 1.5);
    if (slots > this.table.length) this.rehash(slots);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes of the pool so far. */
  get byteLength(): number {
    return this.bytes.length;
  }

  intern(src: Uint8Array, start: number, end: number): number {
    const len = end - start;
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ (src[i] as number), 0x01000193);
    h >>>= 0;
    const table = this.table;
    const slots = table.length;
    const idMask = this.idMask, tag = (h & this.tagMask) >>> 0;
    let slot = h % slots;
    for (;;) {
      const entry = table[slot] as number;
      if (entry === 0) break;
      if (((entry & ~idMask) >>> 0) === tag) {
        const id = (entry & idMask) - 1;
        const off = this.offsets.get(id);
        if (this.offsets.get(id + 1) - off === len && this.bytes.equals(off, src, start, len)) return id;
      }
      slot = slot + 1 === slots ? 0 : slot + 1;
    }
    const id = this.count++;
    this.bytes.append(src, start, end);
    this.offsets.push(this.bytes.length);
    table[slot] = ((id + 1) | tag) >>> 0;
    if (this.count * 3 > slots * 2) this.rehash(Math.ceil(slots * 1.5));
    return id;
  }

  internString(s: string): number {
    const b = Buffer.from(s, 'utf8');
    return this.intern(b, 0, b.length);
  }

  text(id: number): string {
    return Buffer.from(this.bytes.slice(this.offsets.get(id), this.offsets.get(id + 1))).toString('utf8');
  }

  /** Compares the texts of two ids as JavaScript compares strings (UTF-16 code units). */
  compare(a: number, b: number): number {
    if (a === b) return 0;
    let i = this.offsets.get(a), j = this.offsets.get(b);
    const aEnd = this.offsets.get(a + 1), bEnd = this.offsets.get(b + 1);
    for (; i < aEnd && j < bEnd; i++, j++) {
      const x = this.bytes.at(i), y = this.bytes.at(j);
      if (x === y) continue;
      if (x < 0x80 && y < 0x80) return x - y;
      const s = this.text(a), t = this.text(b);
      return s < t ? -1 : s > t ? 1 : 0;
    }
    return (aEnd - i) - (bEnd - j);
  }

  private rehash(slots: number): void {
    const table = new Uint32Array(slots);
    this.table = table;
    this.setMasks();
    const tagMask = this.tagMask;
    for (let id = 0; id < this.count; id++) {
      const h = this.bytes.hash(this.offsets.get(id), this.offsets.get(id + 1));
      let slot = h % slots;
      while (table[slot] !== 0) slot = slot + 1 === slots ? 0 : slot + 1;
      table[slot] = ((id + 1) | (h & tagMask)) >>> 0;
    }
  }

  /** The stored sections, in blocks: bytes, offsets (count + 1 of them) and the hash table (its entries now
   * plain id + 1: no more strings can be interned). */
  sections(): { bytes: ByteBlocks; offsets: U32Blocks; table: Uint32Array } {
    if (this.tagged) {
      const table = this.table, idMask = this.idMask;
      for (let i = 0; i < table.length; i++) table[i] = (table[i] as number) & idMask;
      this.tagged = false;
      this.idMask = 0xffffffff;
      this.tagMask = 0;
    }
    return { bytes: this.bytes, offsets: this.offsets, table: this.table };
  }

  finish(): StringPoolData {
    this.sections();
    const bytes = new Uint8Array(this.bytes.length);
    let at = 0;
    for (const c of this.bytes.chunks()) {
      bytes.set(c, at);
      at += c.length;
    }
    return { bytes, offsets: this.offsets.toArray(), table: this.table };
  }
}

/** Names lie scattered over a pool of every string of the repository, so a window holds few of them: at 1 MB a step
 * of 1,024 names read 20 MB, at 64 KB a tenth of it. */
const WINDOW = 1 << 16;

/** Windows read per step of a pass (decodeAllSteps), whatever its count of strings: source names lie so far apart in
 * the pool that a step of 1,024 read up to 64 windows (4 MB) and held the thread 10-17 ms at 110,000 packages. A
 * window's read and its strings take ~0.3 ms. */
const WINDOWS_PER_STEP = 1;

/** Pages of string offsets a step of a pass places the strings of, at most (past its first string): 1,024 names
 * scattered over 110,000 packages' offsets read up to ~100 pages of 16 KB in one step (~5-14 ms). */
const OFFSET_PAGES_PER_STEP = 8;

/**
 * A pass over many strings of a pool read from its file, in order of place: each string's place noted (place), the
 * strings put in order of the window they start in (a counting sort, not a sort of every place: at 110,000 names
 * that and the places looked up before the first step ended held the thread for 100-200 ms), then decoded window by
 * window, each read once, a string running past its window's end read with the next bytes. Its loops are methods,
 * called a step at a time by StringPool.decodeAllSteps: V8 optimises a loop inside a generator only between its
 * calls, never while it runs, so the generator itself only counts the steps.
 */
class WindowedDecode {
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  /** Per window, how many strings start in it; then (order) where its strings begin in `sorted`. */
  private readonly firstOf: Uint32Array;
  private sorted: Uint32Array = new Uint32Array(0);
  private window: Uint8Array = new Uint8Array(0);
  private windowStart = 0;
  /** The one buffer every window is read into (its strings are decoded before the next read): a buffer a window was
   * ~60 MB of external memory over a pass of 110,000 names, which V8 answers with full collections. */
  private scratch = new Uint8Array(WINDOW);

  constructor(private readonly bytes: ByteRangeReader, n: number) {
    this.starts = new Uint32Array(n);
    this.ends = new Uint32Array(n);
    this.firstOf = new Uint32Array(Math.floor(bytes.length / WINDOW) + 2);
  }

  place(i: number, [start, end]: [number, number]): void {
    this.starts[i] = start;
    this.ends[i] = end;
    const w = Math.floor(start / WINDOW) + 1;
    this.firstOf[w] = (this.firstOf[w] as number) + 1;
  }

  order(): void {
    const firstOf = this.firstOf, starts = this.starts;
    for (let w = 0; w + 1 < firstOf.length; w++) firstOf[w + 1] = (firstOf[w + 1] as number) + (firstOf[w] as number);
    const sorted = new Uint32Array(starts.length);
    for (let i = 0; i < starts.length; i++) {
      const w = Math.floor((starts[i] as number) / WINDOW);
      sorted[firstOf[w] as number] = i;
      firstOf[w] = (firstOf[w] as number) + 1;
    }
    this.sorted = sorted;
  }

  /** Decodes the strings `sorted[from..to)`, reading at most `reads` windows (at least 1): returns where it stopped,
   * `to` once all were decoded. */
  decode(from: number, to: number, reads: number, each: (i: number, text: string) => void): number {
    for (let k = from; k < to; k++) {
      const i = this.sorted[k] as number;
      const start = this.starts[i] as number, end = this.ends[i] as number;
      if (start < this.windowStart || end > this.windowStart + this.window.length) {
        if (reads-- <= 0) return k;
        // The window this string starts in, from its beginning (the others starting in it follow in any order).
        this.windowStart = start - (start % WINDOW);
        const windowEnd = Math.min(this.bytes.length, Math.max(end, this.windowStart + WINDOW));
        if (this.scratch.length < windowEnd - this.windowStart) this.scratch = new Uint8Array(windowEnd - this.windowStart);
        this.window = this.bytes.rangeUncached(this.windowStart, windowEnd, this.scratch);
      }
      each(i, utf8Text(this.window.subarray(start - this.windowStart, end - this.windowStart)));
    }
    return to;
  }
}

/** A loaded pool: strings decoded on demand, ids found by hashing. Offsets and table entries are checked as they
 * are read (a damaged pool gives wrong or empty strings and missed lookups, never an out-of-bounds read). */
export class StringPool {
  private readonly decoded = new Map<number, string>();

  /** `onDamage`: told what was found damaged (offsets out of order or past the bytes, a table entry past the
   * pool) as it is read. */
  constructor(private readonly data: StringPoolData, private readonly onDamage: (what: string) => void = () => undefined) {}

  get size(): number {
    return this.data.offsets.length - 1;
  }

  /** Byte range of string `id` in the pool, clamped to the pool (empty when the offsets are damaged). */
  private span(id: number): [number, number] {
    const { bytes, offsets } = this.data;
    if (id < 0 || id >= offsets.length - 1) return [0, 0];
    let start = u32At(offsets, id);
    let end = u32At(offsets, id + 1);
    if (end < start || end > bytes.length) {
      this.onDamage('string offsets');
      start = Math.min(start, bytes.length);
      end = Math.max(start, Math.min(end, bytes.length));
    }
    return [start, end];
  }

  get(id: number): string {
    let s = this.decoded.get(id);
    if (s === undefined) {
      s = this.decode(id);
      this.decoded.set(id, s);
    }
    return s;
  }

  /** The string `id`, decoded and not kept (for a pass over many strings that are rarely asked for again). */
  decode(id: number): string {
    const s = this.decoded.get(id);
    if (s !== undefined) return s;
    const [start, end] = this.span(id);
    return utf8Text(rangeOf(this.data.bytes, start, end));
  }

  /** Calls `each(i, text)` for every `ids[i]`, reading the pool in order of place, in large windows that are not
   * kept: a pass over many strings (every package name) reads each byte once and leaves nothing cached. */
  decodeAll(ids: Uint32Array, each: (i: number, text: string) => void): void {
    drain(this.decodeAllSteps(ids, each, Number.POSITIVE_INFINITY));
  }

  /** `decodeAll`, yielding after every `perStep` strings looked up or decoded (a build that must not hold the thread:
   * NameNeighbours.building); a pool read from its file is read in order of place (WindowedDecode), and a step also
   * ends before it would read more than WINDOWS_PER_STEP windows. */
  *decodeAllSteps(ids: Uint32Array, each: (i: number, text: string) => void, perStep: number): Generator<void> {
    const n = ids.length;
    const bytes = this.data.bytes;
    // (Each step's loop in a plain function: see WindowedDecode.)
    if (bytes instanceof Uint8Array) {
      for (let from = 0; from < n; from += perStep) {
        const to = Math.min(n, from + perStep);
        this.decodeIn(ids, from, to, each);
        if (to < n) yield;
      }
      return;
    }
    const pass = new WindowedDecode(bytes, n);
    const pageReads = perStep === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : OFFSET_PAGES_PER_STEP;
    for (let from = 0; from < n; ) {
      from = this.placeIn(pass, ids, from, Math.min(n, from + perStep), pageReads);
      yield;
    }
    pass.order();
    const reads = perStep === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : WINDOWS_PER_STEP;
    for (let from = 0; from < n; ) {
      from = pass.decode(from, Math.min(n, from + perStep), reads, each);
      if (from < n) yield;
    }
  }

  private decodeIn(ids: Uint32Array, from: number, to: number, each: (i: number, text: string) => void): void {
    for (let i = from; i < to; i++) each(i, this.decode(ids[i] as number));
  }

  /** Places the strings `ids[from..to)`, stopping before one whose offsets would be the `reads + 1`-th page read
   * (the first is always placed); returns where it stopped. */
  private placeIn(pass: WindowedDecode, ids: Uint32Array, from: number, to: number, reads: number): number {
    const offsets = this.data.offsets;
    const paged = offsets instanceof Uint32Array ? undefined : offsets;
    for (let i = from; i < to; i++) {
      const id = ids[i] as number;
      if (i > from && paged?.has && !(paged.has(id) && paged.has(id + 1)) && reads-- <= 0) return i;
      pass.place(i, this.span(id));
    }
    return to;
  }

  /** The id of `s`, or -1 when the pool does not hold it. */
  find(s: string): number {
    const q = Buffer.from(s, 'utf8');
    const { bytes, table } = this.data;
    const slots = table.length;
    if (slots === 0) return -1;
    let slot = hashBytes(q, 0, q.length) % slots;
    for (let probes = 0; probes < slots; probes++) {
      const entry = u32At(table, slot);
      if (entry === 0) return -1;
      const id = entry - 1;
      if (id >= this.size) this.onDamage('string table');
      const [start, end] = this.span(id);
      if (end - start === q.length && sameBytes(rangeOf(bytes, start, end), 0, q, 0, q.length)) return id;
      slot = slot + 1 === slots ? 0 : slot + 1;
    }
    return -1;
  }
}
