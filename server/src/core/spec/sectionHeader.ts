// Recognises a section header line the way azldev's parseLogicalLine does: not a column-0 comment, and a first
// token that is a known section keyword (any case). Shared by the parser and by edits that re-read lines.

import { goFields, skipGoSpace, type FieldToken } from './goText';
import { packageQualifierFromHeader, sectionHasPackage, type PackageQualifier } from './packageQualifier';
import { sectionTypeOf, type SectionType } from './sectionNames';

export interface SectionHeader {
  keyword: FieldToken;
  type: SectionType;
  /** Tokens after the keyword. */
  args: FieldToken[];
  /** azldev's package for the section ("" for changelog and source lists, whatever they say). */
  qualifier: PackageQualifier;
}

/** Classifies text[start, end); offsets in the result are offsets into `text`. */
export function sectionHeaderOf(text: string, start: number = 0, end: number = text.length): SectionHeader | undefined {
  if (text.charCodeAt(start) === 0x23) return undefined;
  const at = skipGoSpace(text, start, end);
  if (text.charCodeAt(at) !== 0x25) return undefined;
  const tokens = goFields(text, at, end);
  const keyword = tokens[0];
  const type = keyword === undefined ? undefined : sectionTypeOf(keyword.text);
  if (keyword === undefined || type === undefined) return undefined;
  const qualifier = sectionHasPackage(type) ? packageQualifierFromHeader(tokens.map((t) => t.text)) : { name: '', absolute: false };
  return { keyword, type, args: tokens.slice(1), qualifier };
}
