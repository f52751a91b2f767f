// Where a spec uses a macro: `%name`, `%?name`, `%{name}`, `%{?name}`, `%{!?name:alt}`, `%{name:arg}`. A plain
// scan of one line that also finds uses nested in another's braces; `%%` is an escaped percent, and `%(…)`,
// `%[…]` and positional arguments (`%1`, `%*`) name no macro.
import type { Span } from '../diagnostics';
import type { SpecDocument, SpecLine } from '../spec';

export interface MacroUse {
  name: string;
  /** The name alone. */
  nameSpan: Span;
  /** From the `%` to the end of the name, or to the closing brace of a plain `%{name}`. */
  span: Span;
  /** The line the use is on. */
  line: number;
}

function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39);
}

/** Every macro use on text[start, end), in order. */
export function macroUsesIn(text: string, start: number, end: number, line: number): MacroUse[] {
  const out: MacroUse[] = [];
  let i = start;
  while (i < end) {
    if (text.charCodeAt(i) !== 0x25) {
      i++;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (next === 0x25) {
      i += 2;
      continue;
    }
    let j = i + 1;
    const braced = next === 0x7b;
    if (braced) j++;
    while (j < end && (text.charCodeAt(j) === 0x21 || text.charCodeAt(j) === 0x3f)) j++;
    if (j >= end || !isNameStart(text.charCodeAt(j))) {
      i++;
      continue;
    }
    const nameStart = j;
    while (j < end && isNameChar(text.charCodeAt(j))) j++;
    const close = braced && text.charCodeAt(j) === 0x7d ? j + 1 : j;
    out.push({ name: text.slice(nameStart, j), nameSpan: { start: nameStart, end: j }, span: { start: i, end: close }, line });
    i = j;
  }
  return out;
}

/** The line holding `offset` (the last line for an offset past the end). */
export function lineAtOffset(doc: SpecDocument, offset: number): SpecLine | undefined {
  let lo = 0;
  let hi = doc.lines.length - 1;
  if (hi < 0) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((doc.lines[mid] as SpecLine).start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return doc.lines[lo];
}

/** The macro use under the cursor: the cursor on its `%`, braces or name, or just after it. */
export function macroUseAt(doc: SpecDocument, offset: number): MacroUse | undefined {
  const line = lineAtOffset(doc, offset);
  if (!line || offset > line.end) return undefined;
  // The innermost use wins where they nest (`%{?foo:%{bar}}` on `bar`): the last one that contains the cursor.
  let hit: MacroUse | undefined;
  for (const use of macroUsesIn(doc.text, line.start, line.end, line.index)) {
    if (use.span.start <= offset && offset <= use.span.end) hit = use;
  }
  return hit;
}
