// A mutable spec for the edit primitives: a list of lines (as azldev holds them) that re-parses on demand.
// Untouched lines keep their own end-of-line in toString(); toAzldevText() is what azldev would write.

import type { LineEnding, SpecDocument } from './model';
import { parseSpec, parseSpecEntries, serializeSpec } from './parser';
import { insertedAt } from '../appendAll';

export type SpecEditErrorCode = 'no-such-tag' | 'section-not-found' | 'conditional-spans-sections' | 'pattern-not-found' | 'invalid-argument';

export interface SpecEditError {
  code: SpecEditErrorCode;
  /** Says what was looked for and where, in azldev's words where it has them. */
  message: string;
}

/** Edits either succeed or explain why not; they never throw on user input. */
export type SpecEditResult = { ok: true } | { ok: false; error: SpecEditError };

export const EDIT_OK: SpecEditResult = { ok: true };

export function editError(code: SpecEditErrorCode, message: string): SpecEditResult {
  return { ok: false, error: { code, message } };
}

export class SpecEditor {
  private lineTexts: string[];
  private eols: LineEnding[];
  private cached: SpecDocument | undefined;

  constructor(text: string) {
    const doc = parseSpec(text);
    this.cached = doc;
    this.lineTexts = doc.lines.map((l) => l.text);
    this.eols = doc.lines.map((l) => l.eol);
  }

  /** An independent copy with the same lines, as azldev counts them (to try an edit without making it). */
  clone(): SpecEditor {
    const copy: SpecEditor = Object.create(SpecEditor.prototype) as SpecEditor;
    Object.assign(copy, { lineTexts: [...this.lineTexts], eols: [...this.eols], cached: this.cached });
    return copy;
  }

  /** The current lines parsed, one entry per line as azldev counts them; cached until the next change. */
  get document(): SpecDocument {
    this.cached ??= parseSpecEntries(this.lineTexts, this.eols);
    return this.cached;
  }

  get lineCount(): number {
    return this.lineTexts.length;
  }

  lineAt(index: number): string {
    return this.lineTexts[index] ?? '';
  }

  /** Inserts lines before `index` (index === lineCount appends). New lines end with "\n". */
  insertLines(index: number, lines: readonly string[]): void {
    if (lines.length === 0) return;
    // A last line without a newline gets one once something follows it.
    if (index === this.lineTexts.length && index > 0 && this.eols[index - 1] !== '\n' && this.eols[index - 1] !== '\r\n') this.eols[index - 1] = '\n';
    this.lineTexts = insertedAt(this.lineTexts, index, lines);
    this.eols = insertedAt(this.eols, index, lines.map((): LineEnding => '\n'));
    this.cached = undefined;
  }

  /** Removes lines [start, end). */
  removeLines(start: number, end: number): void {
    if (end <= start) return;
    this.lineTexts.splice(start, end - start);
    this.eols.splice(start, end - start);
    this.cached = undefined;
  }

  replaceLine(index: number, text: string): void {
    if (this.lineTexts[index] === text) return;
    this.lineTexts[index] = text;
    this.cached = undefined;
  }

  /** Original end-of-lines kept for lines that were already there. */
  toString(): string {
    if (this.cached !== undefined) return serializeSpec(this.cached);
    let out = '';
    for (let i = 0; i < this.lineTexts.length; i++) out += (this.lineTexts[i] as string) + (this.eols[i] as string);
    return out;
  }

  /** azldev's Serialize: every line followed by "\n" (so "\r\n" becomes "\n" and a final newline appears). */
  toAzldevText(): string {
    let out = '';
    for (const line of this.lineTexts) out += line + '\n';
    return out;
  }
}
