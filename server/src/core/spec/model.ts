// The lossless model of an RPM spec: every physical line with its offsets and end-of-line, classified the way
// azldev classifies it (section start, tag, raw), plus sections, packages, tags, macro definitions and the
// %if/%else/%endif structure. Offsets are UTF-16 offsets into the parsed text, like the rest of the core.

import type { Span } from '../diagnostics';
import type { ConditionalBlock, ConditionalBranch, ConditionalDirective } from './conditionals';
import type { SpecMacroDefinition } from './macros';
import type { SectionType } from './sectionNames';

/** azldev's three line types: a section header, a `Tag: value` line (only in package sections), anything else. */
export type LineKind = 'sectionStart' | 'tag' | 'raw';

export type LineEnding = '' | '\n' | '\r\n' | '\r';

export interface SpecToken extends Span {
  text: string;
}

export interface SpecLine {
  index: number;
  /** Offset of the line's first character. */
  start: number;
  /** Offset just past the line's content, before its end-of-line. */
  end: number;
  /**
   * "" or "\r" only for a last line without a newline. Elsewhere a lone "\r" is content: lines split as
   * Go's bufio.ScanLines splits them, which drops one "\r" before a newline or at end of file.
   */
  eol: LineEnding;
  /** The content without its end-of-line: the string azldev holds for this line. */
  text: string;
  kind: LineKind;
  /** Index into SpecDocument.sections of the section this line belongs to (a header belongs to its own). */
  section: number;
  /**
   * True when the trimmed line starts with `#`. azldev only ignores `#` in column 0 when it looks for
   * headers and tags, so an indented `#Foo: bar` in a preamble is still a tag line (kind "tag").
   */
  comment: boolean;
  /** Set when this line is a conditional directive (%if…, %elif…, %else, %endif). */
  directive: ConditionalDirective | undefined;
  /** The innermost conditional branch the line is in; directive lines are in their block's enclosing branch. */
  condition: ConditionalBranch | undefined;
  /** Set when kind is "tag". */
  tag: SpecTag | undefined;
  /**
   * The %global/%define this line starts or continues (backslash continuation). azldev does not know about
   * continuations, so a `Provides: …\` line inside a macro body is still kind "tag", as azldev sees it.
   */
  macro: SpecMacroDefinition | undefined;
}

export interface SpecSection {
  index: number;
  /** The header keyword as written (`%files`, `%Description`); "" for the preamble. */
  name: string;
  type: SectionType;
  /** Line of the `%…` header; undefined for the preamble, which has none. */
  headerLine: number | undefined;
  /** First line (the header, or 0 for the preamble) and the line after the last, like azldev's section ranges. */
  startLine: number;
  endLine: number;
  /** Offsets covering [startLine, endLine), end-of-lines included. */
  start: number;
  end: number;
  /** Header tokens after the keyword, e.g. `-n`, `foo`, `-f`, `files.lst`. */
  args: SpecToken[];
  /** azldev's package of the section: the name as written ("devel" for `%files devel`), "" for the main package. */
  package: string;
  /** True when the header used `-n NAME`. */
  absolute: boolean;
  /**
   * The binary package the section belongs to, with the spec's own macros expanded (`%files devel` in spec
   * `foo` → "foo-devel"); undefined for %changelog, %patchlist and %sourcelist.
   */
  packageName: string | undefined;
}

export interface SpecTag {
  line: number;
  section: number;
  /** azldev's package of the enclosing section ("" for the preamble). */
  package: string;
  /** The tag as written, e.g. `BuildRequires`, `Source0`, `Requires(post)`. */
  name: string;
  /** The value with surrounding whitespace removed, as azldev reads it. */
  value: string;
  nameSpan: Span;
  valueSpan: Span;
}

export interface SpecPackage {
  /** The header's name as written ("" for the main package, "devel" or the `-n` name otherwise). */
  qualifier: string;
  absolute: boolean;
  /** The full binary package name with the spec's macros expanded. */
  name: string;
  /** Section index of the declaring `%package` (0, the preamble, for the main package). */
  declaration: number;
  /** Every section that belongs to this binary package, in spec order. */
  sections: number[];
}

export interface SpecProblem extends Span {
  line: number;
  message: string;
}

export interface SpecDocument {
  text: string;
  lines: SpecLine[];
  /** sections[0] is always the preamble (possibly empty). */
  sections: SpecSection[];
  /** packages[0] is always the main package. */
  packages: SpecPackage[];
  tags: SpecTag[];
  macros: SpecMacroDefinition[];
  conditionals: ConditionalBlock[];
  problems: SpecProblem[];
}
