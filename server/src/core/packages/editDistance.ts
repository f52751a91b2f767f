// Bounded edit distance (insertions, deletions, substitutions and adjacent transpositions) for did-you-mean.

/** The distance between `a` and `b`, or `max + 1` as soon as it is known to exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, (prevPrev[j - 2] as number) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return prev[n] as number;
}

/** Reusable rows for `editDistanceOfCodes`, grown as needed. */
let rowA = new Int32Array(64), rowB = new Int32Array(64), rowC = new Int32Array(64);

/** `min(editDistance(a, b, max), max + 1)` where `a` is `a[0..an)` and `b` is `chars[from..to)` as UTF-16 code
 * units, without allocating or decoding `b` (did-you-mean measures many candidates and decodes only those within
 * `max`). Only the cells within `max` of the diagonal are computed: a way through the table that costs at most
 * `max` never leaves that band (each step off the diagonal costs one), so cells outside it count as `max + 1`. */
export function editDistanceOfCodes(a: Uint16Array, an: number, chars: Uint16Array, from: number, to: number, max: number): number {
  const n = to - from;
  const over = max + 1;
  if ((an > n ? an - n : n - an) > max) return over;
  if (rowA.length < n + 2) {
    const size = Math.max(n + 2, rowA.length * 2);
    rowA = new Int32Array(size);
    rowB = new Int32Array(size);
    rowC = new Int32Array(size);
  }
  let prevPrev = rowA, prev = rowB, cur = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= an; i++) {
    const jlo = i - max > 1 ? i - max : 1, jhi = i + max < n ? i + max : n;
    cur[0] = i;
    if (jlo > 1) cur[jlo - 1] = over;
    if (i + max <= n) prev[i + max] = over;
    let rowMin = jlo === 1 ? i : over;
    const ai = a[i - 1] as number, aPrev = i > 1 ? (a[i - 2] as number) : -1;
    for (let j = jlo; j <= jhi; j++) {
      const bj = chars[from + j - 1] as number;
      let v = (prev[j] as number) + 1;
      const ins = (cur[j - 1] as number) + 1;
      if (ins < v) v = ins;
      const sub = (prev[j - 1] as number) + (ai === bj ? 0 : 1);
      if (sub < v) v = sub;
      if (i > 1 && j > 1 && ai === chars[from + j - 2] && aPrev === bj) {
        const tr = (prevPrev[j - 2] as number) + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return over;
    const t = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[n] as number;
  return d > max ? over : d;
}
