// Append-only arrays kept as a list of fixed-size blocks: growing never copies what is already there (a
// doubling array holds old and new copies at once, which set the index build's peak memory), and the filled
// part is handed out block by block for writing.

const U32_BLOCK = 1 << 16;

/** A growable list of 32-bit unsigned integers. */
export class U32Blocks {
  private readonly blocks: Uint32Array[] = [];
  private cur = new Uint32Array(0);
  private pos = 0;
  length = 0;

  push(v: number): void {
    if (this.pos === this.cur.length) {
      this.cur = new Uint32Array(U32_BLOCK);
      this.blocks.push(this.cur);
      this.pos = 0;
    }
    this.cur[this.pos++] = v;
    this.length++;
  }

  get(i: number): number {
    return (this.blocks[i >>> 16] as Uint32Array)[i & (U32_BLOCK - 1)] as number;
  }

  /** The filled part, block by block. */
  *chunks(): Generator<Uint32Array> {
    for (let b = 0; b < this.blocks.length; b++) {
      const block = this.blocks[b] as Uint32Array;
      yield b === this.blocks.length - 1 ? block.subarray(0, this.pos) : block;
    }
  }

  /** One contiguous copy (for the tables the orderings are computed from). */
  toArray(): Uint32Array {
    const out = new Uint32Array(this.length);
    let at = 0;
    for (const c of this.chunks()) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

const BYTE_BLOCK = 1 << 20;

/** A growable byte string; a range may cross a block boundary. */
export class ByteBlocks {
  private readonly blocks: Uint8Array[] = [];
  private cur = new Uint8Array(0);
  private pos = 0;
  length = 0;

  append(src: Uint8Array, start: number, end: number): void {
    while (start < end) {
      if (this.pos === this.cur.length) {
        this.cur = new Uint8Array(BYTE_BLOCK);
        this.blocks.push(this.cur);
        this.pos = 0;
      }
      const n = Math.min(end - start, this.cur.length - this.pos);
      // A short string (most are) is copied by a loop: a subarray and a set cost more than its bytes.
      if (n <= 64) {
        const cur = this.cur;
        for (let i = 0, p = this.pos; i < n; i++) cur[p + i] = src[start + i] as number;
      } else this.cur.set(src.subarray(start, start + n), this.pos);
      this.pos += n;
      this.length += n;
      start += n;
    }
  }

  /** Whether bytes `at..at+len` equal `src[start..start+len]`. */
  equals(at: number, src: Uint8Array, start: number, len: number): boolean {
    const block = this.blocks[at >>> 20] as Uint8Array;
    const off = at & (BYTE_BLOCK - 1);
    if (off + len <= BYTE_BLOCK) {
      for (let i = 0; i < len; i++) if (block[off + i] !== src[start + i]) return false;
      return true;
    }
    for (let i = 0; i < len; i++) {
      const p = at + i;
      if ((this.blocks[p >>> 20] as Uint8Array)[p & (BYTE_BLOCK - 1)] !== src[start + i]) return false;
    }
    return true;
  }

  at(i: number): number {
    return (this.blocks[i >>> 20] as Uint8Array)[i & (BYTE_BLOCK - 1)] as number;
  }

  /** FNV-1a over bytes `start..end` (stringPool.ts's `hashBytes`). */
  hash(start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let p = start; p < end; p++) h = Math.imul(h ^ this.at(p), 0x01000193);
    return h >>> 0;
  }

  /** A copy of bytes `start..end`. */
  slice(start: number, end: number): Uint8Array {
    const out = new Uint8Array(end - start);
    for (let p = start; p < end; ) {
      const block = this.blocks[p >>> 20] as Uint8Array;
      const off = p & (BYTE_BLOCK - 1);
      const n = Math.min(end - p, BYTE_BLOCK - off);
      out.set(block.subarray(off, off + n), p - start);
      p += n;
    }
    return out;
  }

  *chunks(): Generator<Uint8Array> {
    for (let b = 0; b < this.blocks.length; b++) {
      const block = this.blocks[b] as Uint8Array;
      yield b === this.blocks.length - 1 ? block.subarray(0, this.pos) : block;
    }
  }
}
