// Did-you-mean candidates without scanning every name: the names of one repository (binary or source) grouped
// by length, each with a 32-bit signature of the characters it holds. A name within edit distance d of a query
// has a length within d of the query's, and neither holds characters of more than d signature buckets the
// other lacks (each bucket one string has and the other lacks needs its own deletion or substitution; a
// transposition keeps both characters). Only names passing both filters are decoded and measured, so the
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

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export class NameNeighbours {
  /** Name ids ordered by length; `lengthStart[L]..lengthStart[L+1]` are those of length L (UTF-16 units). */
  private readonly ids: Uint32Array;
  private readonly signatures: Uint32Array;
  private readonly lengthStart: Uint32Array;

  /** `ids` are string ids; `decodeAll` decodes them all once (in any order), `text` one candidate. */
  constructor(ids: Uint32Array, decodeAll: (ids: Uint32Array, each: (i: number, text: string) => void) => void, private readonly text: (id: number) => string) {
    const n = ids.length;
    const lengths = new Uint32Array(n);
    const sigs = new Uint32Array(n);
    let longest = 0;
    decodeAll(ids, (i, s) => {
      lengths[i] = s.length;
      sigs[i] = signatureOf(s);
      if (s.length > longest) longest = s.length;
    });
    const start = new Uint32Array(longest + 2);
    for (let i = 0; i < n; i++) {
      const k = (lengths[i] as number) + 1;
      start[k] = (start[k] as number) + 1;
    }
    for (let L = 0; L <= longest; L++) start[L + 1] = (start[L + 1] as number) + (start[L] as number);
    const next = start.slice(0, longest + 1);
    this.ids = new Uint32Array(n);
    this.signatures = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const L = lengths[i] as number;
      const at = next[L] as number;
      next[L] = at + 1;
      this.ids[at] = ids[i] as number;
      this.signatures[at] = sigs[i] as number;
    }
    this.lengthStart = start;
  }

  /** Calls `found` with every name other than `query` within edit distance `max` of it, and the distance. */
  within(query: string, max: number, found: (name: string, distance: number) => void): void {
    const sig = signatureOf(query);
    const longest = this.lengthStart.length - 2;
    const lo = Math.max(0, query.length - max), hi = Math.min(longest, query.length + max);
    const sigs = this.signatures;
    for (let L = lo; L <= hi; L++) {
      for (let i = this.lengthStart[L] as number, end = this.lengthStart[L + 1] as number; i < end; i++) {
        const other = sigs[i] as number;
        if (popcount(sig & ~other) > max || popcount(other & ~sig) > max) continue;
        const name = this.text(this.ids[i] as number);
        if (name === query) continue;
        const d = editDistance(query, name, max);
        if (d <= max) found(name, d);
      }
    }
  }
}
