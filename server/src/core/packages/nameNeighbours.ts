// Did-you-mean candidates without scanning every name: the names of one repository (binary or source) grouped
// by length, each with a 32-bit signature of the characters it holds. A name within edit distance d of a query
// has a length within d of the query's, and neither holds characters of more than d signature buckets the
// other lacks (each bucket one string has and the other lacks needs its own deletion or substitution; a
// transposition keeps both characters), and their character counts differ by at most 2d in sum (countsOf).
// Only names passing the filters are measured (on the index's own copy of their characters) and only those
// within the distance decoded, so the answer is exactly the exhaustive scan's.
import { editDistanceOfCodes } from './editDistance';
import { drain } from '../drain';

/** Signature bucket of a UTF-16 code unit: letters (either case) their own, digits five, the rest one. */
function bucketOf(c: number): number {
  if (c >= 0x61 && c <= 0x7a) return c - 0x61;
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x30 && c <= 0x39) return 26 + ((c - 0x30) % 5);
  return 31;
}

/** The signature of the UTF-16 code units `units[from..to)`: a bit per bucket any of them falls in. */
function signatureOfUnits(units: Uint16Array, from: number, to: number): number {
  let m = 0;
  for (let i = from; i < to; i++) m |= 1 << bucketOf(units[i] as number);
  return m >>> 0;
}

/** Counts of a string's characters in 16 buckets (signature buckets folded in two), each saturating at 15,
 * packed four bits a bucket into two words. An edit changes the counts by at most 2 in sum (a substitution),
 * folding and saturating never grow a difference, so two names within distance d differ by at most 2d in sum. */
const countScratch = new Uint8Array(16);

/** The counts of the code units `units[from..to)`, written to `out[at]` and `out[at + 1]`. */
function countsOfUnits(units: Uint16Array, from: number, to: number, out: Int32Array, at: number): void {
  const c = countScratch.fill(0);
  for (let i = from; i < to; i++) {
    const b = bucketOf(units[i] as number) & 15;
    if ((c[b] as number) < 15) c[b] = (c[b] as number) + 1;
  }
  let lo = 0, hi = 0;
  for (let b = 0; b < 8; b++) lo |= (c[b] as number) << (b * 4);
  for (let b = 0; b < 8; b++) hi |= (c[b + 8] as number) << (b * 4);
  out[at] = lo;
  out[at + 1] = hi;
}

/** The sum over the eight 4-bit counts packed in `a` and `b` of their differences, a byte lane per count (the
 * four even counts, then the four odd ones): per lane x - y + 16 is in 1..31, so no lane borrows from the next;
 * its bit 4 says x >= y, and its low nibble is x - y there and 16 - (y - x) elsewhere. */
export function countDistance(a: number, b: number): number {
  const xe = a & 0x0f0f0f0f, ye = b & 0x0f0f0f0f, xo = (a >>> 4) & 0x0f0f0f0f, yo = (b >>> 4) & 0x0f0f0f0f;
  const te = (xe | 0x10101010) - ye, to = (xo | 0x10101010) - yo;
  const ge = Math.imul((te >>> 4) & 0x01010101, 0x0f), go = Math.imul((to >>> 4) & 0x01010101, 0x0f);
  const le = te & 0x0f0f0f0f, lo = to & 0x0f0f0f0f;
  const de = (le & ge) | ((0x10101010 - le) & ~ge & 0x0f0f0f0f);
  const dd = (lo & go) | ((0x10101010 - lo) & ~go & 0x0f0f0f0f);
  // Each lane of de + dd is at most 30, and the four sum to at most 120: a byte holds them.
  return Math.imul(de + dd, 0x01010101) >>> 24;
}

/** Decodes string ids, calling `each(i, text)` for each `ids[i]`, yielding after every `perStep` (StringPool.decodeAllSteps). */
export type DecodeSteps = (ids: Uint32Array, each: (i: number, text: string) => void, perStep: number) => Generator<void>;

/** Names looked up, decoded or placed per step of `NameNeighbours.building` (the server runs as many steps as fit in
 * its turn's budget: at 8,192 a step took 10-200 ms at 110,000 names, the pool read from its file). */
const NAMES_PER_STEP = 1_024;

export class NameNeighbours {
  /** Signatures of the names ordered by length; `lengthStart[L]..lengthStart[L+1]` are those of length L (UTF-16 units). */
  private readonly signatures: Int32Array;
  /** Two words of character counts per name (countsOf), in the same order. (Int32Array: a Uint32Array's
   * values above 2^31 are read as heap numbers, which deoptimised the scan.) */
  private readonly counts: Int32Array;
  private readonly lengthStart: Uint32Array;
  /** The names' UTF-16 code units in the same order, `charStart[i]..charStart[i+1]` the i-th: a candidate is
   * read from here, not from the pool's pages (which would read a page per candidate, scattered over the pool). */
  private readonly chars: Uint16Array;
  private readonly charStart: Uint32Array;
  /** Scratch for the indices that pass the filters (passingSignature, passingCounts), one slot a name and one more. */
  private readonly candidates: Int32Array;

  private constructor(parts: { signatures: Int32Array; counts: Int32Array; lengthStart: Uint32Array; chars: Uint16Array; charStart: Uint32Array }) {
    this.signatures = parts.signatures;
    this.counts = parts.counts;
    this.lengthStart = parts.lengthStart;
    this.chars = parts.chars;
    this.charStart = parts.charStart;
    this.candidates = new Int32Array(parts.signatures.length + 1);
  }

  /** `ids` are string ids; `decode` decodes them all once (in any order; `perStep`: see `building`). */
  static build(ids: Uint32Array, decode: DecodeSteps): NameNeighbours {
    return drain(NameNeighbours.building(ids, decode, Number.POSITIVE_INFINITY));
  }

  /** `build`, yielding after every `perStep` names decoded or placed and after each warming scan (the server builds
   * the index ahead of its first use between the client's messages: at 110,000 names it took ~0.4 s at once). The
   * loops are plain functions, called a step at a time: V8 optimises a loop inside a generator only between its
   * calls, never while it runs. */
  static *building(ids: Uint32Array, decode: DecodeSteps, perStep = NAMES_PER_STEP): Generator<void, NameNeighbours> {
    const n = ids.length;
    // The names' code units as they are decoded (in the pool's order), not the strings: 110,000 strings held until
    // the index is placed were copied by every young-generation collection of the warm-up meanwhile.
    const decoded = new DecodedUnits(n);
    yield* decode(ids, (i, s) => decoded.add(i, s), perStep);
    const { start, order } = byLength(decoded.lengths, decoded.longest);
    const parts = { signatures: new Int32Array(n), counts: new Int32Array(2 * n), lengthStart: start, chars: new Uint16Array(decoded.total), charStart: new Uint32Array(n + 1) };
    for (let at = 0; at < n; at += perStep) {
      placeNames(decoded, order, at, Math.min(n, at + perStep), parts);
      if (at + perStep < n) yield;
    }
    const built = new NameNeighbours(parts);
    // Run the scan a few times over the index's own names (answers dropped): V8 then optimises it while the index
    // is being built, instead of during the user's first queries (3-4 ms each in the interpreter on 110,000 names).
    for (let k = 1; k <= 8 && n > 0; k++) {
      const name = built.nameAt(Math.floor((n * k) / 9));
      built.within(name.slice(1), Math.min(3, Math.max(1, Math.floor(name.length / 4))), () => undefined);
      if (perStep !== Number.POSITIVE_INFINITY) yield;
    }
    return built;
  }

  private nameAt(i: number): string {
    return String.fromCharCode.apply(null, this.chars.subarray(this.charStart[i] as number, this.charStart[i + 1] as number) as unknown as number[]);
  }

  /** Calls `found` with every name other than `query` within edit distance `max` of it, and the distance.
   * Candidates are measured on the index's UTF-16 copy (editDistanceOfCodes); only those within `max` are decoded. */
  within(query: string, max: number, found: (name: string, distance: number) => void): void {
    const longest = this.lengthStart.length - 2;
    const lo = Math.max(0, query.length - max), hi = Math.min(longest, query.length + max);
    if (lo > hi) return;
    const qn = query.length;
    const codes = new Uint16Array(qn);
    for (let k = 0; k < qn; k++) codes[k] = query.charCodeAt(k);
    const qc = new Int32Array(2);
    countsOfUnits(codes, 0, qn, qc, 0);
    const candidates = this.candidates;
    const bySignature = passingSignature(this.signatures, this.lengthStart[lo] as number, this.lengthStart[hi + 1] as number, signatureOfUnits(codes, 0, qn) | 0, max, candidates);
    const passed = passingCounts(this.counts, candidates, bySignature, qc[0] as number, qc[1] as number, 2 * max);
    const chars = this.chars, charStart = this.charStart;
    for (let k = 0; k < passed; k++) {
      const i = candidates[k] as number;
      const d = editDistanceOfCodes(codes, qn, chars, charStart[i] as number, charStart[i + 1] as number, max);
      if (d > max) continue;
      const name = this.nameAt(i);
      if (name !== query) found(name, d);
    }
  }
}

/** The code units of names decoded in any order: name i's are `units[first[i]..first[i] + lengths[i])`. */
class DecodedUnits {
  units: Uint16Array;
  readonly first: Uint32Array;
  readonly lengths: Uint32Array;
  total = 0;
  longest = 0;

  constructor(n: number) {
    this.units = new Uint16Array(Math.max(64, n * 16));
    this.first = new Uint32Array(n);
    this.lengths = new Uint32Array(n);
  }

  add(i: number, s: string): void {
    if (this.total + s.length > this.units.length) {
      const grown = new Uint16Array(Math.max(2 * this.units.length, this.total + s.length));
      grown.set(this.units.subarray(0, this.total));
      this.units = grown;
    }
    const units = this.units, at = this.total;
    for (let k = 0; k < s.length; k++) units[at + k] = s.charCodeAt(k);
    this.first[i] = at;
    this.lengths[i] = s.length;
    this.total = at + s.length;
    if (s.length > this.longest) this.longest = s.length;
  }
}

/** The names in order of length: `start[L]..start[L+1]` of `order` are those of length L. */
function byLength(lengths: Uint32Array, longest: number): { start: Uint32Array; order: Uint32Array } {
  const n = lengths.length;
  const start = new Uint32Array(longest + 2);
  for (let i = 0; i < n; i++) {
    const k = (lengths[i] as number) + 1;
    start[k] = (start[k] as number) + 1;
  }
  for (let L = 0; L <= longest; L++) start[L + 1] = (start[L + 1] as number) + (start[L] as number);
  const next = start.slice(0, longest + 1);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const L = lengths[i] as number;
    const at = next[L] as number;
    next[L] = at + 1;
    order[at] = i;
  }
  return { start, order };
}

/** Places the names `order[from..to)`: their characters (after those before), signatures and character counts. */
function placeNames(decoded: DecodedUnits, order: Uint32Array, from: number, to: number, parts: { signatures: Int32Array; counts: Int32Array; chars: Uint16Array; charStart: Uint32Array }): void {
  const { signatures, counts, chars, charStart } = parts;
  const { units, first, lengths } = decoded;
  let c = charStart[from] as number;
  for (let at = from; at < to; at++) {
    const i = order[at] as number;
    const f = first[i] as number;
    const end = c + (lengths[i] as number);
    for (let k = c; k < end; k++) chars[k] = units[f + k - c] as number;
    signatures[at] = signatureOfUnits(chars, c, end);
    countsOfUnits(chars, c, end, counts, 2 * at);
    c = end;
    charStart[at + 1] = c;
  }
}

// The hot loops of `within`, over typed arrays only and without a branch but the loop's own: each index is
// written, and the next write moves on only if it passed. So no query reaches code an earlier one did not, and V8
// does not deoptimise the scan on the next query (which cost the first queries after the index was built 5-20 ms).

/** The indices `from..end` of the names whose signatures pass, written to `out` (room for `end - from + 1`).
 * popcount is written out twice here: until V8 optimises the loop (the first query or two after the index is
 * built), a call per name is most of its time. */
function passingSignature(sigs: Int32Array, from: number, end: number, sig: number, max: number, out: Int32Array): number {
  let n = 0;
  for (let i = from; i < end; i++) {
    const other = sigs[i] as number;
    let x = sig & ~other, y = other & ~sig;
    x = (x - ((x >>> 1) & 0x55555555)) | 0;
    y = (y - ((y >>> 1) & 0x55555555)) | 0;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    y = (y & 0x33333333) + ((y >>> 2) & 0x33333333);
    x = (x + (x >>> 4)) & 0x0f0f0f0f;
    y = (y + (y >>> 4)) & 0x0f0f0f0f;
    out[n] = i;
    n += (((max - (Math.imul(x, 0x01010101) >>> 24)) | (max - (Math.imul(y, 0x01010101) >>> 24))) >>> 31) ^ 1;
  }
  return n;
}

/** Keeps, in place, those of the `n` indices in `ids` whose character counts pass; returns how many. */
function passingCounts(counts: Int32Array, ids: Int32Array, n: number, qlo: number, qhi: number, bound: number): number {
  let m = 0;
  for (let k = 0; k < n; k++) {
    const i = ids[k] as number;
    ids[m] = i;
    m += ((bound - countDistance(qlo, counts[2 * i] as number) - countDistance(qhi, counts[2 * i + 1] as number)) >>> 31) ^ 1;
  }
  return m;
}
