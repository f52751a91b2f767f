// Line diffs in the unified format `diff -u` and `git diff` print and `git apply` reads: Myers' O(ND) shortest
// edit script over the lines between the common prefix and suffix, with a bound on the edit distance (past it the
// differing middle is shown as one replaced block, still a correct patch), then hunks with `context` lines around
// each change. Pure: texts in, text out.

export interface UnifiedDiffOptions {
  /** Names printed after `---` and `+++`. */
  fromLabel: string;
  toLabel: string;
  /** Unchanged lines shown around each change (default 3, as diff -u). */
  context?: number;
  /** Past this many inserted plus deleted lines the middle is one replaced block (default 4,000). */
  maxEditDistance?: number;
}

const NO_NEWLINE = '\u0000no newline';

type Op = { kind: 'same' | 'del' | 'add'; line: string };

/** Lines of a text, each without its newline; `noNewline` when the last line has none. */
function splitLines(text: string): { lines: string[]; noNewline: boolean } {
  if (text === '') return { lines: [], noNewline: false };
  const lines = text.split('\n');
  const noNewline = lines[lines.length - 1] !== '';
  if (!noNewline) lines.pop();
  return { lines, noNewline };
}

/** Myers' greedy forward search, keeping each round's frontier to walk the path back. */
function myers(a: readonly string[], b: readonly string[], maxD: number): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxD);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number)) ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice());
        return backtrack(a, b, trace, offset);
      }
    }
  }
  return undefined;
}

function backtrack(a: readonly string[], b: readonly string[], trace: Int32Array[], offset: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 2; d >= 0; d--) {
    const v = trace[d] as Int32Array;
    const k = x - y;
    const prevK = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : (v[offset + prevK] as number);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: 'same', line: a[--x] as string }), y--;
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: 'add', line: b[--y] as string });
    else ops.push({ kind: 'del', line: a[--x] as string });
  }
  while (x > 0 && y > 0) ops.push({ kind: 'same', line: a[--x] as string }), y--;
  return ops.reverse();
}

/** The edit script from `a` to `b`: common prefix and suffix kept, Myers in between. */
export function lineEdits(a: readonly string[], b: readonly string[], maxEditDistance = 4000): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) endA--, endB--;
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const mid = myers(midA, midB, maxEditDistance) ?? [...midA.map((line) => ({ kind: 'del' as const, line })), ...midB.map((line) => ({ kind: 'add' as const, line }))];
  return [...a.slice(0, start).map((line) => ({ kind: 'same' as const, line })), ...mid, ...a.slice(endA).map((line) => ({ kind: 'same' as const, line }))];
}

function range(start: number, count: number): string {
  // diff -u: a hunk that holds no line of one side names the line before it.
  const first = count === 0 ? start - 1 : start;
  return count === 1 ? `${first}` : `${first},${count}`;
}

/** The unified diff from `from` to `to`, or '' when they are equal. */
export function unifiedDiff(from: string, to: string, options: UnifiedDiffOptions): string {
  if (from === to) return '';
  const context = options.context ?? 3;
  const a = splitLines(from);
  const b = splitLines(to);
  // A last line without its newline differs from the same line with one: it carries a mark while compared.
  if (a.noNewline) a.lines[a.lines.length - 1] += NO_NEWLINE;
  if (b.noNewline) b.lines[b.lines.length - 1] += NO_NEWLINE;
  const ops = lineEdits(a.lines, b.lines, options.maxEditDistance);
  const out: string[] = [`--- ${options.fromLabel}`, `+++ ${options.toLabel}`];
  // Positions (1-based) of each op on each side.
  const posA: number[] = [];
  const posB: number[] = [];
  let la = 1;
  let lb = 1;
  for (const op of ops) {
    posA.push(la);
    posB.push(lb);
    if (op.kind !== 'add') la++;
    if (op.kind !== 'del') lb++;
  }
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && (ops[i] as Op).kind === 'same') i++;
    if (i >= ops.length) break;
    const hunkStart = Math.max(0, i - context);
    let end = i;
    // Extend while the next change is within 2*context unchanged lines.
    for (;;) {
      while (end < ops.length && (ops[end] as Op).kind !== 'same') end++;
      let same = end;
      while (same < ops.length && (ops[same] as Op).kind === 'same') same++;
      if (same < ops.length && same - end <= 2 * context) end = same;
      else break;
    }
    const hunkEnd = Math.min(ops.length, end + context);
    let countA = 0;
    let countB = 0;
    const body: string[] = [];
    for (let j = hunkStart; j < hunkEnd; j++) {
      const op = ops[j] as Op;
      if (op.kind !== 'add') countA++;
      if (op.kind !== 'del') countB++;
      const marked = op.line.endsWith(NO_NEWLINE);
      body.push((op.kind === 'same' ? ' ' : op.kind === 'del' ? '-' : '+') + (marked ? op.line.slice(0, -NO_NEWLINE.length) : op.line));
      if (marked) body.push('\\ No newline at end of file');
    }
    out.push(`@@ -${range(posA[hunkStart] as number, countA)} +${range(posB[hunkStart] as number, countB)} @@`, ...body);
    i = hunkEnd;
  }
  return out.join('\n') + '\n';
}

/** The hunks alone (no `---`/`+++` headers), or '' when the texts are equal: for patches whose headers the caller writes. */
export function unifiedHunks(from: string, to: string, options: { context?: number } = {}): string {
  const diff = unifiedDiff(from, to, { fromLabel: '', toLabel: '', ...(options.context !== undefined ? { context: options.context } : {}) });
  return diff === '' ? '' : diff.slice(diff.indexOf('\n', diff.indexOf('\n') + 1) + 1);
}
