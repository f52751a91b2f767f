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

/** The stored form of a pool: `offsets[id]..offsets[id+1]` in `bytes`; `table` holds id+1 or 0 (empty). */
export interface StringPoolData {
  bytes: Uint8Array;
  offsets: Uint32Array;
  table: Uint32Array;
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
  private hashes = new Uint32Array(1 << 12);
  private count = 0;
  private table = new Uint32Array(1 << 13);

  constructor() {
    this.intern(new Uint8Array(0), 0, 0);
  }

  get size(): number {
    return this.count;
  }

  intern(src: Uint8Array, start: number, end: number): number {
    const len = end - start;
    const h = hashBytes(src, start, end);
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (;;) {
      const entry = this.table[slot] as number;
      if (entry === 0) break;
      const id = entry - 1;
      const off = this.offsets[id] as number;
      if (this.hashes[id] === h && (this.offsets[id + 1] as number) - off === len && sameBytes(this.bytes, off, src, start, len)) return id;
      slot = (slot + 1) & mask;
    }
    const id = this.count++;
    if (this.used + len > this.bytes.length) this.bytes = grow(this.bytes, this.used + len);
    this.bytes.set(src.subarray(start, end), this.used);
    if (id + 2 > this.offsets.length) {
      this.offsets = grow(this.offsets, id + 2);
      this.hashes = grow(this.hashes, id + 2);
    }
    this.offsets[id] = this.used;
    this.used += len;
    this.offsets[id + 1] = this.used;
    this.hashes[id] = h;
    this.table[slot] = id + 1;
    if (this.count * 2 > this.table.length) this.rehash();
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
    const table = new Uint32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = (this.hashes[id] as number) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.table = table;
  }

  finish(): StringPoolData {
    return { bytes: this.bytes.slice(0, this.used), offsets: this.offsets.slice(0, this.count + 1), table: this.table };
  }
}

function grow<T extends Uint8Array | Uint32Array>(a: T, need: number): T {
  let n = a.length * 2;
  while (n < need) n *= 2;
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
      s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', offsets[id], offsets[id + 1]);
      this.decoded.set(id, s);
    }
    return s;
  }

  /** The id of `s`, or -1 when the pool does not hold it. */
  find(s: string): number {
    const q = Buffer.from(s, 'utf8');
    const { bytes, offsets, table } = this.data;
    const mask = table.length - 1;
    let slot = hashBytes(q, 0, q.length) & mask;
    for (let probes = 0; probes < table.length; probes++) {
      const entry = table[slot] as number;
      if (entry === 0) return -1;
      const id = entry - 1;
      const off = offsets[id] as number;
      if ((offsets[id + 1] as number) - off === q.length && sameBytes(bytes, off, q, 0, q.length)) return id;
      slot = (slot + 1) & mask;
    }
    return -1;
  }
}
