// Converts between string offsets (UTF-16 code units, as JS strings index) and LSP line/character positions.
// The core works in offsets; only the edges (LSP server, CLI output) convert, through this one class.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** The offsets where the lines of `text` start (after LF, CRLF or a lone CR); the first is 0. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') === -1) {
    // No carriage return (the usual text): the string's own search finds the line ends. An open document's first
    // line table and a request's first index of a big buffer run this before V8 has optimised it (the loop below:
    // 6-7 ms over components.toml, 214 KB; this 2-3).
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** In ascending `sorted` (whose first value is at most `value`), the index of the last value at or before `value`. */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((sorted[mid] as number) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const isLineBreak = (c: number): boolean => c === 10 || c === 13;
const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    this.lineStarts = lineStartsOf(text);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtOrBefore(this.lineStarts, o);
    return { line, character: o - (this.lineStarts[line] as number) };
  }

  /**
   * The offset of a position, as LSP reads one: a character past the end of its line is the line's end (before
   * its line break), a line past the last is the end of the text. A position inside a surrogate pair (a client
   * counting code points or bytes) is the pair's start, as VS Code validates a position.
   */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line] as number;
    const next = position.line + 1 < this.lineStarts.length ? (this.lineStarts[position.line + 1] as number) : this.text.length;
    let offset = Math.max(start, Math.min(start + position.character, next));
    while (offset > start && isLineBreak(this.text.charCodeAt(offset - 1))) offset--;
    if (offset > start && isHighSurrogate(this.text.charCodeAt(offset - 1)) && isLowSurrogate(this.text.charCodeAt(offset))) offset--;
    return offset;
  }

  rangeAt(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}
