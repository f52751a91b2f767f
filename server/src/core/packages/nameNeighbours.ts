// Did-you-mean candidates without scanning every name: the names of one repository (binary or source) grouped
// by length, each with a 32-bit signature of the characters it holds. A name within edit distance d of a query
// has a length within d of the query's, and neither holds characters of more than d signature buckets the
// other lacks (each bucket one string has and the other lacks needs its own deletion or substitution; a
// transposition keeps both characters), and their character counts differ by at most 2d in sum (countsOf).
// Only names passing the filters are decoded and measured, so the
// answer is exactly the exhaustive scan's.
import { editDistance } from './editDistance';

/** Signature bucket of a UTF-16 code unit: letters (either case) their own, digits five, the rest one. */
function bucketOf(c: number): number {
  if (c >= 0x61 && c <= 0x7a) return c - 0x61;
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x30 && c <= 0x39) return 26 + ((c - 0x30) % 5);
  return 31;
}

export function signatureOf(s: string): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) m |= 1 << bucketOf(s.charCodeAt(i));
  return m >>> 0;
}

/** Counts of a string's characters in 16 buckets (signature buckets folded in two), each saturating at 15,
 * packed four bits a bucket into two words. An edit changes the counts by at most 2 in sum (a substitution),
 * folding and saturating never grow a difference, so two names within distance d differ by at most 2d in sum. */
const countScratch = new Uint8Array(16);

function countsOf(s: string, out: Uint32Array, at: number): void {
  const c = countScratch.fill(0);
  for (let i = 0; i < s.length; i++) {
    const b = bucketOf(s.charCodeAt(i)) & 15;
    if ((c[b] as number) < 15) c[b] = (c[b] as number) + 1;
  }
  let lo = 0, hi = 0;
  for (let b = 0; b < 8; b++) lo |= (c[b] as number) << (b * 4);
  for (let b = 0; b < 8; b++) hi |= (c[b + 8] as number) << (b * 4);
  out[at] = lo >>> 0;
  out[at + 1] = hi >>> 0;
}

function countDistance(a: number, b: number): number {
  let d = 0;
  for (let k = 0; k < 32; k += 4) {
    const x = (a >>> k) & 15, y = (b >>> k) & 15;
    d += x > y ? x - y : y - x;
  }
  return d;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export class NameNeighbours {
  /** Signatures of the names ordered by length; `lengthStart[L]..lengthStart[L+1]` are those of length L (UTF-16 units). */
  private readonly signatures: Uint32Array;
  /** Two words of character counts per name (countsOf), in the same order. */
  private readonly counts: Uint32Array;
  private readonly lengthStart: Uint32Array;
  /** The names' UTF-16 code units in the same order, `charStart[i]..charStart[i+1]` the i-th: a candidate is
   * read from here, not from the pool's pages (which would read a page per candidate, scattered over the pool). */
  private readonly chars: Uint16Array;
  private readonly charStart: Uint32Array;

  /** `ids` are string ids; `decodeAll` decodes them all once (in any order). */
  constructor(ids: Uint32Array, decodeAll: (ids: Uint32Array, each: (i: number, text: string) => void) => void) {
    const n = ids.length;
    const texts = new Array<string>(n);
    let longest = 0, total = 0;
    decodeAll(ids, (i, s) => {
      texts[i] = s;
      total += s.length;
      if (s.length > longest) longest = s.length;
    });
    const start = new Uint32Array(longest + 2);
    for (let i = 0; i < n; i++) {
      const k = (texts[i] ?? '').length + 1;
      start[k] = (start[k] as number) + 1;
    }
    for (let L = 0; L <= longest; L++) start[L + 1] = (start[L + 1] as number) + (start[L] as number);
    const next = start.slice(0, longest + 1);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const L = (texts[i] ?? '').length;
      const at = next[L] as number;
      next[L] = at + 1;
      order[at] = i;
    }
    this.signatures = new Uint32Array(n);
    this.counts = new Uint32Array(2 * n);
    this.chars = new Uint16Array(total);
    this.charStart = new Uint32Array(n + 1);
    let c = 0;
    for (let at = 0; at < n; at++) {
      const i = order[at] as number;
      const s = texts[i] ?? '';
      this.signatures[at] = signatureOf(s);
      countsOf(s, this.counts, 2 * at);
      for (let k = 0; k < s.length; k++) this.chars[c++] = s.charCodeAt(k);
      this.charStart[at + 1] = c;
    }
    this.lengthStart = start;
  }

  private nameAt(i: number): string {
    return String.fromCharCode.apply(null, this.chars.subarray(this.charStart[i] as number, this.charStart[i + 1] as number) as unknown as number[]);
  }

  /** Calls `found` with every name other than `query` within edit distance `max` of it, and the distance. */
  within(query: string, max: number, found: (name: string, distance: number) => void): void {
    const sig = signatureOf(query);
    const longest = this.lengthStart.length - 2;
    const lo = Math.max(0, query.length - max), hi = Math.min(longest, query.length + max);
    const sigs = this.signatures, counts = this.counts;
    const qc = new Uint32Array(2);
    countsOf(query, qc, 0);
    const qlo = qc[0] as number, qhi = qc[1] as number;
    for (let L = lo; L <= hi; L++) {
      for (let i = this.lengthStart[L] as number, end = this.lengthStart[L + 1] as number; i < end; i++) {
        const other = sigs[i] as number;
        if (popcount(sig & ~other) > max || popcount(other & ~sig) > max) continue;
        if (countDistance(qlo, counts[2 * i] as number) + countDistance(qhi, counts[2 * i + 1] as number) > 2 * max) continue;
        const name = this.nameAt(i);
        if (name === query) continue;
        const d = editDistance(query, name, max);
        if (d <= max) found(name, d);
      }
    }
  }
}
