// The server's open documents: vscode-languageserver-textdocument's TextDocument, with the text kept in pieces
// (core/text/pieceText.ts) instead of one string. That library applies an incremental change as
// `slice + text + slice` and reads a character of the result at once, which makes V8 copy the whole text into
// a fresh string: for a 1 MB file, a large-object page per keystroke. Here an edit builds only the chunks it
// touches; `getText()` joins the text when a reader asks for it (once per version), and the check reads the
// pieces (`pieces`). Positions are the library's: UTF-16 offsets, line breaks LF, CRLF and a lone CR, the line
// table updated from the change as the library does (a CRLF pair split or joined by an edit recomputes it).
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import { PieceText } from './core/text/pieceText';

const LF = 10;
const CR = 13;

const isEOL = (c: number): boolean => c === CR || c === LF;

function lineOffsetsOf(text: string, atLineStart: boolean, textOffset = 0): number[] {
  const result = atLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isEOL(ch)) {
      if (ch === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

function wellformed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

export class PieceTextDocument implements TextDocument {
  private lineOffsets: number[] | undefined;

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
    return this.getLineOffsets().length;
  }

  private getLineOffsets(): number[] {
    this.lineOffsets ??= lineOffsetsOf(this.text.toString(), true);
    return this.lineOffsets;
  }

  private ensureBeforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.text.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.text.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if ((lineOffsets[mid] as number) > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.ensureBeforeEOL(offset, lineOffsets[line] as number);
    return { line, character: offset - (lineOffsets[line] as number) };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line] as number;
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? (lineOffsets[position.line + 1] as number) : this.text.length;
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
          this.lineOffsets = undefined;
          continue;
        }
        const insertedEnd = startOffset + change.text.length;
        const crlfAtStart = this.text.charCodeAt(startOffset - 1) === CR && this.text.charCodeAt(startOffset) === LF;
        const crlfAtEnd = this.text.charCodeAt(insertedEnd - 1) === CR && this.text.charCodeAt(insertedEnd) === LF;
        if (crlfAtStart || crlfAtEnd) {
          // A CRLF pair across an edit boundary is not in the inserted text's line offsets.
          this.lineOffsets = undefined;
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
        let offsets = lineOffsets;
        if (endLine - startLine === added.length) {
          for (let i = 0; i < added.length; i++) offsets[i + startLine + 1] = added[i] as number;
        } else if (added.length < 10_000) {
          offsets.splice(startLine + 1, endLine - startLine, ...added);
        } else {
          offsets = offsets.slice(0, startLine + 1).concat(added, offsets.slice(endLine + 1));
          this.lineOffsets = offsets;
        }
        const diff = change.text.length - (endOffset - startOffset);
        if (diff !== 0) for (let i = startLine + 1 + added.length; i < offsets.length; i++) offsets[i] = (offsets[i] as number) + diff;
      } else {
        this.text = PieceText.of(change.text);
        this.lineOffsets = undefined;
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
