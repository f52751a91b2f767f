// rpm's version comparison (rpmvercmp) and EVR ordering, with rpm's semantics for `~` (sorts before
// anything, even the end) and `^` (sorts after the end, before anything else).

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const TILDE = 126, CARET = 94;

/** -1, 0 or 1 as rpm orders version (or release) strings `a` and `b`. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0, j = 0;
  const n = a.length, m = b.length;
  const at = (s: string, k: number): number => (k < s.length ? s.charCodeAt(k) : 0);
  while (i < n || j < m) {
    while (i < n && !isDigit(at(a, i)) && !isAlpha(at(a, i)) && at(a, i) !== TILDE && at(a, i) !== CARET) i++;
    while (j < m && !isDigit(at(b, j)) && !isAlpha(at(b, j)) && at(b, j) !== TILDE && at(b, j) !== CARET) j++;
    const ca = at(a, i), cb = at(b, j);
    if (ca === TILDE || cb === TILDE) {
      if (ca !== TILDE) return 1;
      if (cb !== TILDE) return -1;
      i++, j++;
      continue;
    }
    if (ca === CARET || cb === CARET) {
      if (i >= n) return -1;
      if (j >= m) return 1;
      if (ca !== CARET) return 1;
      if (cb !== CARET) return -1;
      i++, j++;
      continue;
    }
    if (!(i < n && j < m)) break;
    const si = i, sj = j;
    const numeric = isDigit(ca);
    const cls = numeric ? isDigit : isAlpha;
    while (i < n && cls(at(a, i))) i++;
    while (j < m && cls(at(b, j))) j++;
    if (j === sj) return numeric ? 1 : -1;
    let x = a.slice(si, i), y = b.slice(sj, j);
    if (numeric) {
      x = x.replace(/^0+/, '');
      y = y.replace(/^0+/, '');
      if (x.length !== y.length) return x.length > y.length ? 1 : -1;
    }
    if (x !== y) return x < y ? -1 : 1;
  }
  if (i >= n && j >= m) return 0;
  return i >= n ? -1 : 1;
}

export interface Evr {
  epoch: string;
  version: string;
  /** Undefined when the EVR names no release (then any release matches). */
  release: string | undefined;
}

/** Splits `[epoch:]version[-release]` as rpm does. */
export function parseEvr(evr: string): Evr {
  const colon = evr.indexOf(':');
  const epoch = colon >= 0 && /^\d*$/.test(evr.slice(0, colon)) ? evr.slice(0, colon) : '';
  const rest = colon >= 0 && epoch === evr.slice(0, colon) ? evr.slice(colon + 1) : evr;
  const dash = rest.lastIndexOf('-');
  return dash >= 0 ? { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) } : { epoch, version: rest, release: undefined };
}

/** Orders two EVRs: epochs as numbers (missing is 0), then versions, then releases when both have one. */
export function compareEvr(a: Evr, b: Evr): number {
  const ea = Number(a.epoch || '0'), eb = Number(b.epoch || '0');
  if (ea !== eb) return ea < eb ? -1 : 1;
  const v = rpmvercmp(a.version, b.version);
  if (v !== 0) return v;
  if (a.release === undefined || b.release === undefined) return 0;
  return rpmvercmp(a.release, b.release);
}
