// Line diffs in the unified format `diff -u` and `git diff` print: Myers' O(ND) algorithm on the lines left
// after the common head and tail are set aside, hunks with N lines of context, and git's
// `\ No newline at end of file` marker, so the text can be read by a reviewer and applied by `git apply`.

/** One line of a diff: kept (` `), removed (`-`) or added (`+`). */
interface Edit {
  op: ' ' | '-' | '+';
  text: string;
}

/** Lines with their terminators kept apart: the last line may lack a newline. */
function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === '') return { lines: [], finalNewline: true };
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, finalNewline };
}

/** Past this many differing lines the script is not searched for: everything between the common head and tail is replaced. */
const MAX_EDIT_DISTANCE = 2000;

/**
 * The shortest edit script between a and b (Myers 1986, greedy forward search). Each round keeps only the diagonals
 * it reached (2d+1 of them), so memory grows with the square of the edit distance, which is capped.
 */
function myers(a: string[], b: string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  /** trace[d] holds V after round d-1 for k in [-(d-1), d-1], at index k + d - 1. */
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(d === 0 ? new Int32Array(0) : v.slice(offset - (d - 1), offset + d));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number)) ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return [...a.map((text) => ({ op: '-' as const, text })), ...b.map((text) => ({ op: '+' as const, text }))];
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d] as Int32Array;
    const at = (k: number): number => vd[k + d - 1] as number;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push({ op: ' ', text: a[--x] as string });
      y--;
    }
    if (x === prevX) edits.push({ op: '+', text: b[--y] as string });
    else edits.push({ op: '-', text: a[--x] as string });
  }
  while (x > 0 && y > 0) {
    edits.push({ op: ' ', text: a[--x] as string });
    y--;
  }
  return edits.reverse();
}

/** Every line of a and b as kept, removed or added lines, in order. */
function diffLines(a: string[], b: string[]): Edit[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  const out: Edit[] = [];
  for (let i = 0; i < head; i++) out.push({ op: ' ', text: a[i] as string });
  for (const e of middle) out.push(e);
  for (let i = a.length - tail; i < a.length; i++) out.push({ op: ' ', text: a[i] as string });
  return out;
}

export interface UnifiedDiffOptions {
  /** Lines of context around each change; default 3. */
  context?: number;
}

/**
 * The hunks (`@@ -l,s +l,s @@` and their lines, each ending in a newline) turning `before` into `after`, or ''
 * when they are equal. The headers (`---`/`+++`) are the caller's.
 */
export function unifiedHunks(before: string, after: string, options: UnifiedDiffOptions = {}): string {
  if (before === after) return '';
  const context = options.context ?? 3;
  const a = splitLines(before);
  const b = splitLines(after);
  const aLines = a.lines;
  const bLines = b.lines;
  // A line that lost or gained its final newline differs from its twin: mark it so the comparison sees it.
  const NO_EOL = '\u0000noeol';
  const aCmp = aLines.map((l, i) => (i === aLines.length - 1 && !a.finalNewline ? l + NO_EOL : l));
  const bCmp = bLines.map((l, i) => (i === bLines.length - 1 && !b.finalNewline ? l + NO_EOL : l));
  const edits = diffLines(aCmp, bCmp);
  const changed: number[] = [];
  edits.forEach((e, i) => e.op !== ' ' && changed.push(i));
  if (changed.length === 0) return '';
  // Group changes whose context windows touch into one hunk.
  const groups: [number, number][] = [];
  for (const i of changed) {
    const last = groups[groups.length - 1];
    if (last && i - last[1] <= 2 * context) last[1] = i;
    else groups.push([i, i]);
  }
  // Line numbers before each edit.
  const aAt = new Int32Array(edits.length + 1);
  const bAt = new Int32Array(edits.length + 1);
  for (let i = 0; i < edits.length; i++) {
    const op = (edits[i] as Edit).op;
    aAt[i + 1] = (aAt[i] as number) + (op !== '+' ? 1 : 0);
    bAt[i + 1] = (bAt[i] as number) + (op !== '-' ? 1 : 0);
  }
  let out = '';
  for (const [first, last] of groups) {
    const start = Math.max(0, first - context);
    const end = Math.min(edits.length, last + context + 1);
    const aCount = (aAt[end] as number) - (aAt[start] as number);
    const bCount = (bAt[end] as number) - (bAt[start] as number);
    // diff -u numbers an empty range by the line before it.
    const aStart = aCount === 0 ? (aAt[start] as number) : (aAt[start] as number) + 1;
    const bStart = bCount === 0 ? (bAt[start] as number) : (bAt[start] as number) + 1;
    out += `@@ -${aStart}${aCount === 1 ? '' : `,${aCount}`} +${bStart}${bCount === 1 ? '' : `,${bCount}`} @@\n`;
    for (let i = start; i < end; i++) {
      const e = edits[i] as Edit;
      if (e.text.endsWith(NO_EOL)) out += `${e.op}${e.text.slice(0, -NO_EOL.length)}\n\\ No newline at end of file\n`;
      else out += `${e.op}${e.text}\n`;
    }
  }
  return out;
}

/** A complete unified diff with `--- from` and `+++ to` headers, or '' when the texts are equal. */
export function unifiedDiff(before: string, after: string, from: string, to: string, options: UnifiedDiffOptions = {}): string {
  const hunks = unifiedHunks(before, after, options);
  return hunks === '' ? '' : `--- ${from}\n+++ ${to}\n${hunks}`;
}
