// Go-compatible string primitives (strings.TrimSpace, strings.Fields, strings.EqualFold subset) so
// that line classification agrees with azldev character for character, including on odd whitespace.

import type { Span } from '../diagnostics';

/** unicode.IsSpace from Go: ASCII whitespace, NEL, NBSP and the Unicode White_Space code points. */
export function isGoSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  if (c === 0x85 || c === 0xa0 || c === 0x1680) return true;
  if (c < 0x2000) return false;
  return c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Index of the first non-space character at or after `from`, or `end` if there is none. */
export function skipGoSpace(text: string, from: number, end: number = text.length): number {
  let i = from;
  while (i < end && isGoSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Index just past the last non-space character before `end`, or `from` if there is none. */
export function trimGoSpaceEnd(text: string, from: number, end: number): number {
  let i = end;
  while (i > from && isGoSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

export function goTrimSpace(text: string): string {
  const start = skipGoSpace(text, 0);
  return text.slice(start, trimGoSpaceEnd(text, start, text.length));
}

export interface FieldToken extends Span {
  text: string;
}

/** strings.Fields with offsets: whitespace-separated tokens of text[from, end). */
export function goFields(text: string, from: number = 0, end: number = text.length): FieldToken[] {
  const out: FieldToken[] = [];
  let i = skipGoSpace(text, from, end);
  while (i < end) {
    let j = i;
    while (j < end && !isGoSpace(text.charCodeAt(j))) j++;
    out.push({ start: i, end: j, text: text.slice(i, j) });
    i = skipGoSpace(text, j, end);
  }
  return out;
}

/** The first whitespace-separated token of text[from, end), without allocating the rest. */
export function firstGoField(text: string, from: number = 0, end: number = text.length): FieldToken | undefined {
  const i = skipGoSpace(text, from, end);
  if (i >= end) return undefined;
  let j = i;
  while (j < end && !isGoSpace(text.charCodeAt(j))) j++;
  return { start: i, end: j, text: text.slice(i, j) };
}
