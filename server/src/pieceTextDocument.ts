// The server's open documents: vscode-languageserver-textdocument's TextDocument, with the text kept in pieces
// (core/text/pieceText.ts) instead of one string. That library applies an incremental change as
// `slice + text + slice` and reads a character of the result at once, which makes V8 copy the whole text into
// a fresh string: for a 1 MB file, a large-object page per keystroke. Here an edit builds only the chunks it
// touches; `getText()` joins the text when a reader asks for it (once per version), and the check reads the
// pieces (`pieces`). Positions are the library's: UTF-16 offsets, line breaks LF, CRLF and a lone CR, the line
// table updated from the change as the library does (a CRLF pair split or joined by an edit recomputes it).
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import { lineStartsOf } from './core/text/lineIndex';
import { PieceText } from './core/text/pieceText';

const LF = 10;
const CR = 13;

const isEOL = (c: number): boolean => c === CR || c === LF;

/** The starts of `text`'s lines after its first (and the first too when `atLineStart`), moved by `textOffset`: the line
 * breaks are core/text/lineIndex.ts's (LF, CRLF, a lone CR), as the library reads them. */
function lineOffsetsOf(text: string, atLineStart: boolean, textOffset = 0): number[] {
  const starts = lineStartsOf(text);
  if (atLineStart && textOffset === 0) return starts;
  const from = atLineStart ? 0 : 1;
  const out = new Array<number>(starts.length - from);
  for (let i = from; i < starts.length; i++) out[i - from] = (starts[i] as number) + textOffset;
  return out;
}

function wellformed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

export class PieceTextDocument implements TextDocument {
  private lineOffsets: number[] | undefined;
  /**
   * A shift of the line table not yet written: the lines from `shiftFrom` on start `shiftBy` later than the table
   * says. Typing on one line moves every line after it; the shift is kept and grown instead of being written into the
   * table each keystroke (7,400 lines after a keystroke in the middle of components.toml, and the first keystrokes
   * after an open run that loop unoptimized), and written when an edit elsewhere or a whole-table reader needs it.
   */
  private shiftFrom = Number.POSITIVE_INFINITY;
  private shiftBy = 0;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    private text: PieceText,
  ) {}

  get version(): number {
    return this.currentVersion;
  }

  /** The current text in pieces (the check's re-parse reads only around the change). */
  get pieces(): PieceText {
    return this.text;
  }

  getText(range?: Range): string {
    if (range) return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    return this.text.toString();
  }

  get lineCount(): number {
    return this.lineTable().length;
  }

  /** The line table as it is, the pending shift written. */
  private getLineOffsets(): number[] {
    const table = this.lineTable();
    this.writeShift();
    return table;
  }

  private writeShift(): void {
    const offsets = this.lineOffsets;
    if (offsets && this.shiftBy !== 0) for (let i = this.shiftFrom; i < offsets.length; i++) offsets[i] = (offsets[i] as number) + this.shiftBy;
    this.shiftFrom = Number.POSITIVE_INFINITY;
    this.shiftBy = 0;
  }

  /** The line table, its pending shift not written: read it through `lineStart`. */
  private lineTable(): number[] {
    this.lineOffsets ??= lineOffsetsOf(this.text.toString(), true);
    return this.lineOffsets;
  }

  /** Where line `line` of `table` (lineTable's) starts, with the pending shift. */
  private lineStart(table: readonly number[], line: number): number {
    return (table[line] as number) + (line >= this.shiftFrom ? this.shiftBy : 0);
  }

  private ensureBeforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.text.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.text.length), 0);
    const lineOffsets = this.lineTable();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (this.lineStart(lineOffsets, mid) > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    const lineOffset = this.lineStart(lineOffsets, line);
    offset = this.ensureBeforeEOL(offset, lineOffset);
    return { line, character: offset - lineOffset };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.lineTable();
    if (position.line >= lineOffsets.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineOffset = this.lineStart(lineOffsets, position.line);
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? this.lineStart(lineOffsets, position.line + 1) : this.text.length;
    const offset = Math.min(lineOffset + position.character, nextLineOffset);
    return this.ensureBeforeEOL(offset, lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const lastLine = lineOffsets.length - 1;
      return { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: this.text.length - (lineOffsets[lastLine] as number) } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const startOffset = lineOffsets[line] as number;
    const nextLineOffset = line + 1 < lineOffsets.length ? (lineOffsets[line + 1] as number) : this.text.length;
    const endOffset = this.ensureBeforeEOL(nextLineOffset, startOffset);
    return { start: { line, character: 0 }, end: { line, character: endOffset - startOffset } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const nextLineOffset = line + 1 < lineOffsets.length ? (lineOffsets[line + 1] as number) : this.text.length;
    const eolOffset = this.ensureBeforeEOL(nextLineOffset, lineOffsets[line] as number);
    return this.text.slice(eolOffset, nextLineOffset);
  }

  private dropLineTable(): void {
    this.lineOffsets = undefined;
    this.shiftFrom = Number.POSITIVE_INFINITY;
    this.shiftBy = 0;
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range !== undefined) {
        const range = wellformed(change.range);
        const startOffset = this.offsetAt(range.start);
        const endOffset = this.offsetAt(range.end);
        // A carriage return inserted or removed can make or break a CRLF pair with a neighbour: the line table is
        // made again (the library's patched table goes stale in some of those cases; see the differential test).
        const carriageReturn = change.text.includes('\r') || this.text.slice(startOffset, endOffset).includes('\r');
        this.text = this.text.edit(startOffset, endOffset, change.text);
        if (carriageReturn) {
          this.dropLineTable();
          continue;
        }
        const insertedEnd = startOffset + change.text.length;
        const crlfAtStart = this.text.charCodeAt(startOffset - 1) === CR && this.text.charCodeAt(startOffset) === LF;
        const crlfAtEnd = this.text.charCodeAt(insertedEnd - 1) === CR && this.text.charCodeAt(insertedEnd) === LF;
        if (crlfAtStart || crlfAtEnd) {
          // A CRLF pair across an edit boundary is not in the inserted text's line offsets.
          this.dropLineTable();
          continue;
        }
        const lineOffsets = this.lineOffsets;
        if (!lineOffsets) continue;
        // A range past the end of the text (a line after the last) ends at its end, as VS Code clamps one: the line
        // table is patched from the last line then (the library's patch wrote past the table's end).
        const lastLine = lineOffsets.length - 1;
        const startLine = Math.min(Math.max(range.start.line, 0), lastLine);
        const endLine = Math.min(Math.max(range.end.line, 0), lastLine);
        const added = lineOffsetsOf(change.text, false, startOffset);
        const from = startLine + 1 + added.length;
        const diff = change.text.length - (endOffset - startOffset);
        // The same lines replaced in place and the same lines after them moved as the pending shift (typing on one
        // line): the replaced lines' starts are written (they lie before the shift) and the shift grows. Otherwise the
        // pending shift is written first, and this edit's shift is the one kept.
        const inPlace = endLine - startLine === added.length;
        const sameShift = inPlace && from === this.shiftFrom;
        if (!sameShift) this.writeShift();
        let offsets = lineOffsets;
        if (inPlace) {
          for (let i = 0; i < added.length; i++) offsets[i + startLine + 1] = added[i] as number;
        } else if (added.length < 10_000) {
          offsets.splice(startLine + 1, endLine - startLine, ...added);
        } else {
          offsets = offsets.slice(0, startLine + 1).concat(added, offsets.slice(endLine + 1));
          this.lineOffsets = offsets;
        }
        if (sameShift) this.shiftBy += diff;
        else if (diff !== 0 && from < offsets.length) {
          this.shiftFrom = from;
          this.shiftBy = diff;
        }
      } else {
        this.text = PieceText.of(change.text);
        this.dropLineTable();
      }
    }
    this.currentVersion = version;
  }
}

/** What `new TextDocuments(…)` takes: documents kept in pieces. */
export const pieceTextDocuments: TextDocumentsConfiguration<PieceTextDocument> = {
  create: (uri, languageId, version, content) => new PieceTextDocument(uri, languageId, version, PieceText.of(content)),
  update(document, changes, version) {
    document.update(changes, version);
    return document;
  },
};
