// What every fuzz case must hold, whatever the input: spans inside the text, positions inside their line.
import type { Span } from '../../server/src/core/diagnostics';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import type { FuzzReporter } from './harness';

export function checkSpan(r: FuzzReporter, what: string, span: Span | undefined, textLength: number): void {
  if (!span) return;
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > textLength) {
    r.fail(`${what}: span ${start}..${end} is not inside the document (length ${textLength})`);
  }
}

/** The LSP range a span becomes must name real lines and columns within them (UTF-16, as published). */
export function checkPublishedRange(r: FuzzReporter, what: string, span: Span, text: string, index: LineIndex): void {
  const range = index.rangeAt(span.start, span.end);
  for (const p of [range.start, range.end]) {
    if (p.line < 0 || p.line >= index.lineCount) r.fail(`${what}: line ${p.line} outside the document's ${index.lineCount} lines`);
    const lineStart = index.offsetAt({ line: p.line, character: 0 });
    const next = p.line + 1 < index.lineCount ? index.offsetAt({ line: p.line + 1, character: 0 }) : text.length;
    if (p.character < 0 || lineStart + p.character > next) r.fail(`${what}: character ${p.character} past the end of line ${p.line}`);
  }
}
