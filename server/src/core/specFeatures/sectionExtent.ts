// The lines a section really covers for outlines and folding: from its header (or the preamble's first
// non-blank line) to its last non-blank line, so the blank lines before the next header stay outside.
import type { SpecDocument, SpecSection } from '../spec';

export interface LineExtent {
  /** First and last (inclusive) line. */
  first: number;
  last: number;
}

function blank(doc: SpecDocument, line: number): boolean {
  return (doc.lines[line]?.text.trim() ?? '') === '';
}

/** undefined for a preamble with nothing in it. */
export function sectionExtent(doc: SpecDocument, section: SpecSection): LineExtent | undefined {
  let first = section.startLine;
  if (section.headerLine === undefined) while (first < section.endLine && blank(doc, first)) first++;
  let last = section.endLine - 1;
  while (last > first && blank(doc, last)) last--;
  return first <= last && first < section.endLine ? { first, last } : undefined;
}
