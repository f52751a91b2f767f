// An editor buffer's text kept in pieces, so that an edit does not copy the whole document. V8 applies a
// `slice + insert + slice` as a rope and copies it into one flat string at the first read of a character;
// for a 1 MB file (sdk.packages.toml) that is a fresh large-object page per keystroke (page faults and an
// old-generation object: ~3 ms of CPU on the development machine under load). Here each version is an
// immutable list of flat chunks of about CHUNK characters: an edit builds only the chunks it touches (young,
// small strings) and shares the others with the version before. The whole text is joined only when a reader
// asks for it (`toString`), once per version. Each version also knows, for the versions a few edits before it,
// how much of the text at both ends is unchanged since (`changeSince`): what the incremental re-parse needs,
// without comparing two texts.

import { lastAtOrBefore } from './lineIndex';

/** Characters per chunk; an edited chunk grows to at most twice this before it is split. */
const CHUNK = 16_384;
/** How many earlier versions a version remembers its change from. */
const HISTORY = 16;

let nextSerial = 1;

/** The change from an earlier version: the text before `prefix` and the last `suffix` characters are the same. */
export interface ChangeSince {
  prefix: number;
  suffix: number;
}

export class PieceText {
  /** This version's identity, for later versions' `changeSince`. */
  readonly serial = nextSerial++;
  readonly length: number;
  private joined: string | undefined;

  private constructor(
    private readonly chunks: readonly string[],
    /** The offset of each chunk's first character. */
    private readonly starts: readonly number[],
    /** [serial, prefix, suffix] of earlier versions, newest first. */
    private readonly history: readonly number[],
    joined?: string,
  ) {
    const last = chunks.length - 1;
    this.length = last < 0 ? 0 : (starts[last] as number) + (chunks[last] as string).length;
    this.joined = joined;
  }

  static of(text: string): PieceText {
    const chunks: string[] = [];
    const starts: number[] = [];
    for (let at = 0; at < text.length; at += CHUNK) {
      starts.push(at);
      chunks.push(text.slice(at, at + CHUNK));
    }
    return new PieceText(chunks, starts, [], text);
  }

  /** The whole text, joined at the first call of this version. */
  toString(): string {
    this.joined ??= this.chunks.join('');
    return this.joined;
  }

  /** Whether the whole text has been joined already (reading it then costs nothing more). */
  get isJoined(): boolean {
    return this.joined !== undefined;
  }

  private chunkAt(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }

  /** The UTF-16 code unit at `offset` (NaN outside the text), as String.prototype.charCodeAt. */
  charCodeAt(offset: number): number {
    if (this.joined !== undefined) return this.joined.charCodeAt(offset);
    if (offset < 0 || offset >= this.length) return NaN;
    const c = this.chunkAt(offset);
    return (this.chunks[c] as string).charCodeAt(offset - (this.starts[c] as number));
  }

  /** The text from `start` to `end` (clamped to the text), as String.prototype.slice with two offsets in order. */
  slice(start: number, end: number): string {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    if (this.joined !== undefined) return this.joined.slice(from, to);
    if (from === to) return '';
    const first = this.chunkAt(from);
    const last = this.chunkAt(to - 1);
    const local = from - (this.starts[first] as number);
    if (first === last) return (this.chunks[first] as string).slice(local, to - (this.starts[first] as number));
    const parts = [(this.chunks[first] as string).slice(local)];
    for (let c = first + 1; c < last; c++) parts.push(this.chunks[c] as string);
    parts.push((this.chunks[last] as string).slice(0, to - (this.starts[last] as number)));
    return parts.join('');
  }

  /** The last offset ≤ `from` holding `code` (a single UTF-16 code unit), or -1. */
  lastIndexOfCode(code: number, from: number): number {
    if (this.joined !== undefined) return this.joined.lastIndexOf(String.fromCharCode(code), from);
    let at = Math.min(from, this.length - 1);
    if (at < 0) return -1;
    const needle = String.fromCharCode(code);
    for (let c = this.chunkAt(at); c >= 0; c--) {
      const base = this.starts[c] as number;
      const found = (this.chunks[c] as string).lastIndexOf(needle, at - base);
      if (found >= 0) return base + found;
      at = base - 1;
    }
    return -1;
  }

  /** The first offset ≥ `from` holding `code`, or -1. */
  indexOfCode(code: number, from: number): number {
    if (this.joined !== undefined) return this.joined.indexOf(String.fromCharCode(code), from);
    let at = Math.max(0, from);
    if (at >= this.length) return -1;
    const needle = String.fromCharCode(code);
    for (let c = this.chunkAt(at); c < this.chunks.length; c++) {
      const base = this.starts[c] as number;
      const found = (this.chunks[c] as string).indexOf(needle, Math.max(0, at - base));
      if (found >= 0) return base + found;
      at = base + (this.chunks[c] as string).length;
    }
    return -1;
  }

  /** This text with `[start, end)` replaced by `insert`: a new version sharing the untouched chunks. */
  edit(start: number, end: number, insert: string): PieceText {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    const chunks = this.chunks;
    const starts = this.starts;
    let first: number;
    let last: number;
    let middle: string;
    if (chunks.length === 0) {
      first = 0;
      last = -1;
      middle = insert;
    } else {
      // An insertion at a chunk boundary goes into the chunk before it (the end of the text included).
      first = from > 0 ? this.chunkAt(from - 1) : 0;
      last = Math.max(first, to > 0 ? this.chunkAt(to - 1) : 0);
      const firstStart = starts[first] as number;
      const lastStart = starts[last] as number;
      middle = (chunks[first] as string).slice(0, from - firstStart) + insert + (chunks[last] as string).slice(to - lastStart);
    }
    // A small neighbour joins the edited chunk, so deletions do not leave a trail of tiny chunks.
    if (middle.length < CHUNK / 4 && last + 1 < chunks.length && (chunks[last + 1] as string).length < CHUNK) {
      last++;
      middle += chunks[last] as string;
    }
    const made: string[] = [];
    if (middle.length <= 2 * CHUNK) {
      if (middle.length > 0) made.push(flat(middle));
    } else for (let at = 0; at < middle.length; at += CHUNK) made.push(flat(middle.slice(at, at + CHUNK)));
    const nextChunks: string[] = chunks.slice(0, first);
    const nextStarts: number[] = starts.slice(0, first);
    let at = first < chunks.length ? (starts[first] as number) : 0;
    for (const m of made) {
      nextChunks.push(m);
      nextStarts.push(at);
      at += m.length;
    }
    for (let c = last + 1; c < chunks.length; c++) {
      nextChunks.push(chunks[c] as string);
      nextStarts.push(at);
      at += (chunks[c] as string).length;
    }
    // What stayed the same at both ends since each earlier version this one remembers.
    const suffix = this.length - to;
    const history: number[] = [this.serial, from, suffix];
    const old = this.history;
    for (let i = 0; i + 2 < old.length && history.length < HISTORY * 3; i += 3) {
      history.push(old[i] as number, Math.min(old[i + 1] as number, from), Math.min(old[i + 2] as number, suffix));
    }
    return new PieceText(nextChunks, nextStarts, history);
  }

  /** How this text differs from an earlier version (undefined when it does not remember that version). */
  changeSince(earlier: PieceText): ChangeSince | undefined {
    if (earlier === this) return { prefix: this.length, suffix: 0 };
    const h = this.history;
    for (let i = 0; i + 2 < h.length; i += 3) {
      if (h[i] === earlier.serial) return { prefix: h[i + 1] as number, suffix: h[i + 2] as number };
    }
    return undefined;
  }
}

/** The chunk flattened now (reading a character flattens a concatenation in place: it lets go of its parts). */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}
