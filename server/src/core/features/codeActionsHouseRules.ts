// Quick fixes for the house rules: remove an ignore comment that silences nothing (or only the unused code
// from a list), and take the did-you-mean of a misspelt code or level in `.distro-toml.toml`.
import type { Span } from '../diagnostics';
import type { OffsetEdit } from './completion';

/** The edit that drops `ignored` from the ignore comment at `comment` (the whole comment when it is the only code). */
export function removeIgnoredCode(text: string, comment: Span, codeSpan: Span, codes: number): OffsetEdit {
  if (codes > 1) {
    // `a, b` → drop `b` with the comma and blanks before it, or `a` with the comma and blanks after it.
    const before = text.slice(comment.start, codeSpan.start);
    const after = text.slice(codeSpan.end, comment.end);
    const comma = /\s*,\s*$/.exec(before);
    if (comma) return { start: codeSpan.start - comma[0].length, end: codeSpan.end, newText: '' };
    const next = /^\s*,\s*/.exec(after);
    return { start: codeSpan.start, end: codeSpan.end + (next ? next[0].length : 0), newText: '' };
  }
  const lineStart = Math.max(text.lastIndexOf('\n', comment.start - 1), text.lastIndexOf('\r', comment.start - 1)) + 1;
  if (text.slice(lineStart, comment.start).trim() === '') {
    // A comment on a line of its own: the whole line goes, with its line break.
    let end = comment.end;
    if (text.startsWith('\r\n', end)) end += 2;
    else if (text[end] === '\n' || text[end] === '\r') end += 1;
    return { start: lineStart, end, newText: '' };
  }
  // A trailing comment: it goes with the blanks before it.
  let start = comment.start;
  while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { start, end: comment.end, newText: '' };
}
