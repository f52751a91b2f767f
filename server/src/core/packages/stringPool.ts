// The index's string pool: every distinct string once, as UTF-8 bytes with offsets, and an open-addressing
// hash table from bytes to id so a loaded pool answers "which id is this name" without decoding the pool.

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
  offsets: Uint32Array;
  table: Uint32Array;
}

/** Bytes read on demand: `range` returns `end - start` bytes (zeros past the end of what can be read). */
export interface ByteRangeReader {
  readonly length: number;
  range(start: number, end: number): Uint8Array;
}

function rangeOf(bytes: Uint8Array | ByteRangeReader, start: number, end: number): Uint8Array {
  return bytes instanceof Uint8Array ? bytes.subarray(start, end) : bytes.range(start, end);
}

function sameBytes(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}

/** Builds a pool by interning byte ranges; id 0 is always the empty string. */
export class StringPoolBuilder {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  private offsets = new Uint32Array(1 << 12);
  private count = 0;
  /** Pairs [id + 1, hash]: a probe compares hashes without touching the offsets or the bytes. */
  private table = new Uint32Array(2 << 13);

  constructor() {
    this.intern(new Uint8Array(0), 0, 0);
  }

  get size(): number {
    return this.count;
  }

  intern(src: Uint8Array, start: number, end: number): number {
    const len = end - start;
    const h = hashBytes(src, start, end);
    const table = this.table;
    const mask = (table.length >>> 1) - 1;
    let slot = h & mask;
    for (;;) {
      const entry = table[slot * 2] as number;
      if (entry === 0) break;
      if (table[slot * 2 + 1] === h) {
        const id = entry - 1;
        const off = this.offsets[id] as number;
        if ((this.offsets[id + 1] as number) - off === len && sameBytes(this.bytes, off, src, start, len)) return id;
      }
      slot = (slot + 1) & mask;
    }
    const id = this.count++;
    if (this.used + len > this.bytes.length) this.bytes = grow(this.bytes, this.used + len);
    this.bytes.set(src.subarray(start, end), this.used);
    if (id + 2 > this.offsets.length) this.offsets = grow(this.offsets, id + 2);
    this.offsets[id] = this.used;
    this.used += len;
    this.offsets[id + 1] = this.used;
    table[slot * 2] = id + 1;
    table[slot * 2 + 1] = h;
    if (this.count * 4 > (table.length >>> 1) * 3) this.rehash();
    return id;
  }

  internString(s: string): number {
    const b = Buffer.from(s, 'utf8');
    return this.intern(b, 0, b.length);
  }

  text(id: number): string {
    return Buffer.from(this.bytes.buffer, 0, this.used).toString('utf8', this.offsets[id], this.offsets[id + 1]);
  }

  private rehash(): void {
    const old = this.table;
    const table = new Uint32Array(old.length * 2);
    const mask = (table.length >>> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      const entry = old[s] as number;
      if (entry === 0) continue;
      const h = old[s + 1] as number;
      let slot = h & mask;
      while (table[slot * 2] !== 0) slot = (slot + 1) & mask;
      table[slot * 2] = entry;
      table[slot * 2 + 1] = h;
    }
    this.table = table;
  }

  finish(): StringPoolData {
    const slots = Math.ceil(this.count * 1.5) + 1;
    const table = new Uint32Array(slots);
    const old = this.table;
    for (let s = 0; s < old.length; s += 2) {
      const entry = old[s] as number;
      if (entry === 0) continue;
      let slot = (old[s + 1] as number) % slots;
      while (table[slot] !== 0) slot = slot + 1 === slots ? 0 : slot + 1;
      table[slot] = entry;
    }
    return { bytes: this.bytes.subarray(0, this.used), offsets: this.offsets.subarray(0, this.count + 1), table };
  }
}

/** A bigger copy of `a`: doubling while small, then by a quarter, so a big table carries little slack. */
export function grow<T extends Uint8Array | Uint32Array>(a: T, need: number): T {
  const step = (n: number): number => (n < 1 << 23 ? n * 2 : Math.ceil(n * 1.25));
  let n = step(a.length);
  while (n < need) n = step(n);
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** A loaded pool: strings decoded on demand, ids found by hashing. */
export class StringPool {
  private readonly decoded = new Map<number, string>();

  constructor(private readonly data: StringPoolData) {}

  get size(): number {
    return this.data.offsets.length - 1;
  }

  get(id: number): string {
    let s = this.decoded.get(id);
    if (s === undefined) {
      const { bytes, offsets } = this.data;
      const b = rangeOf(bytes, offsets[id] as number, offsets[id + 1] as number);
      s = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
      this.decoded.set(id, s);
    }
    return s;
  }

  /** The id of `s`, or -1 when the pool does not hold it. */
  find(s: string): number {
    const q = Buffer.from(s, 'utf8');
    const { bytes, offsets, table } = this.data;
    const slots = table.length;
    let slot = hashBytes(q, 0, q.length) % slots;
    for (let probes = 0; probes < slots; probes++) {
      const entry = table[slot] as number;
      if (entry === 0) return -1;
      const id = entry - 1;
      const off = offsets[id] as number;
      if ((offsets[id + 1] as number) - off === q.length && sameBytes(rangeOf(bytes, off, off + q.length), 0, q, 0, q.length)) return id;
      slot = slot + 1 === slots ? 0 : slot + 1;
    }
    return -1;
  }
}
