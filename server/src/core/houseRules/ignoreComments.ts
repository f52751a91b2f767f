// Inline `# distro-toml: ignore[CODE]` and `# distro-toml: ignore[CODE1, CODE2]` comments. On a line of its
// own the comment silences those codes' findings that start on the next line holding something other than
// blanks and comments (so several ignore comments can stack above one line); after something on the same
// line it silences that line's findings. Text after the closing bracket is free (a reason, say).
import type { Span } from '../diagnostics';
import type { CommentNode } from '../toml';
import { lastAtOrBefore, lineStartsOf } from '../text/lineIndex';

export interface IgnoredCode {
  code: string;
  /** The code as written inside the brackets. */
  span: Span;
}

export interface IgnoreComment {
  /** The whole comment, from its `#`. */
  span: Span;
  /** The 0-based line whose findings it silences; -1 when no line follows it. */
  targetLine: number;
  codes: IgnoredCode[];
}

const IGNORE = /^(\s*distro-toml\s*:\s*ignore\s*\[)([^\]]*)\]/;

/** 0-based line starts of `text` (LF, CRLF or CR). */
export const lineStarts = lineStartsOf;

/** The 0-based line holding `offset`. */
export function lineOf(starts: readonly number[], offset: number): number {
  return lastAtOrBefore(starts, offset);
}

export function findIgnoreComments(text: string, comments: readonly CommentNode[], starts: readonly number[] = lineStarts(text)): IgnoreComment[] {
  const out: IgnoreComment[] = [];
  const lineText = (line: number) => text.slice(starts[line] as number, line + 1 < starts.length ? (starts[line + 1] as number) : text.length);
  for (const c of comments) {
    const m = IGNORE.exec(c.text);
    if (!m) continue;
    // The comment's text starts after its `#`.
    const listStart = c.span.start + 1 + (m[1] as string).length;
    const codes: IgnoredCode[] = [];
    const list = m[2] as string;
    const re = /[^,\s]+/g;
    for (let w = re.exec(list); w; w = re.exec(list)) codes.push({ code: w[0], span: { start: listStart + w.index, end: listStart + w.index + w[0].length } });
    const line = lineOf(starts, c.span.start);
    const before = text.slice(starts[line] as number, c.span.start);
    let targetLine = line;
    if (before.trim() === '') {
      targetLine = -1;
      for (let next = line + 1; next < starts.length; next++) {
        const t = lineText(next).trim();
        if (t !== '' && !t.startsWith('#')) {
          targetLine = next;
          break;
        }
      }
    }
    out.push({ span: { start: c.span.start, end: c.span.end }, targetLine, codes });
  }
  return out;
}
