// Format Document and Format Selection for TOML: the document printed in the house style (printer.ts),
// cut into one region per top-level statement so that a range formats only the statements it touches,
// and turned into the smallest edits. A document with syntax errors is formatted up to the line of its
// first error and left as written from there. The result is checked before it is offered: it must parse
// to the same values with the same comments, or nothing is changed.
import { isDeepStrictEqual } from 'node:util';
import type { Span } from '../diagnostics';
import type { KeyValueNode, TableNode, TomlSyntaxTree, ValueNode } from '../toml/ast';
import type { TomlDocument } from '../toml/model';
import { parseToml } from '../toml/parser';
import { toJS } from '../toml/toJS';
import { isBroken, Printer, type PrintOptions } from './printer';
import { FormatRefusal, gapLines, readTrivia } from './trivia';

export interface FormatEdit {
  start: number;
  end: number;
  newText: string;
}

export interface FormatResult {
  edits: FormatEdit[];
  /** Why nothing was changed, when the formatter refused (the result would not have kept the document's values). */
  refused?: string;
  /** Where formatting stopped: the start of the line holding the first syntax error. */
  stoppedAt?: number;
}

/** The indentation step when the document shows none: the tree's. */
export const HOUSE_INDENT = '    ';

type Statement = { kind: 'keyvalue'; node: KeyValueNode; span: Span } | { kind: 'header'; node: TableNode; span: Span };

function statementsOf(tree: TomlSyntaxTree): Statement[] {
  const out: Statement[] = tree.rootEntries.map((node) => ({ kind: 'keyvalue', node, span: node.span }));
  for (const table of tree.tables) {
    out.push({ kind: 'header', node: table, span: table.headerSpan });
    for (const node of table.entries) out.push({ kind: 'keyvalue', node, span: node.span });
  }
  return out;
}

/** The document's line break: that of its first line. */
function lineBreakOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * The document's indentation step: how its first array (or inline table) laid out over lines indents its
 * first line inside — 1 to 8 spaces; the house step when there is no such line or it uses tabs.
 */
function indentOf(tree: TomlSyntaxTree, statements: readonly Statement[]): string {
  const text = tree.text;
  const firstBroken = (value: ValueNode | undefined): ValueNode | undefined => {
    if (!value || (value.kind !== 'array' && value.kind !== 'inline-table')) return undefined;
    if (isBroken(text, value)) return value;
    for (const item of value.kind === 'array' ? value.items : value.entries.map((e) => e.value)) {
      const found = firstBroken(item);
      if (found) return found;
    }
    return undefined;
  };
  for (const s of statements) {
    const broken = s.kind === 'keyvalue' ? firstBroken(s.node.value) : undefined;
    if (!broken) continue;
    const nl = text.indexOf('\n', broken.span.start);
    const first = text.slice(nl + 1, broken.span.end).split('\n').find((line) => line.trim() !== '');
    const lead = first === undefined ? '' : (/^[ \t]*/.exec(first) as RegExpExecArray)[0];
    return lead && /^ {1,8}$/.test(lead) ? lead : HOUSE_INDENT;
  }
  return HOUSE_INDENT;
}

/** One top-level statement's share of the document, as written and as printed. */
interface Region {
  src: Span;
  out: Span;
}

interface Printed {
  text: string;
  regions: Region[];
  /** End of the source the regions cover. */
  end: number;
}

/** Prints the statements before `limit` (an offset at a line start), each with the comments and blank lines above it. */
function print(tree: TomlSyntaxTree, statements: readonly Statement[], limit: number | undefined, options: PrintOptions): Printed {
  const text = tree.text;
  const p = new Printer(text, options);
  const regions: Region[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  p.out = text.slice(0, pos);
  let previous: Statement | undefined;
  const writeLines = (lines: (string | undefined)[]) => {
    for (const line of lines) p.out += line === undefined ? options.eol : '#' + line + options.eol;
  };
  for (const s of statements) {
    if (limit !== undefined && s.span.end >= limit) break;
    const src = { start: pos, end: pos };
    const outStart = p.out.length;
    const gap = gapLines(readTrivia(text, pos, s.span.start), previous !== undefined, previous === undefined, false);
    if (previous) p.out += options.eol;
    // A table that follows key/values is set off by a blank line (above the comments that lead into it).
    if (s.kind === 'header' && previous?.kind === 'keyvalue' && !gap.lines.includes(undefined)) gap.lines.unshift(undefined);
    writeLines(gap.lines);
    if (s.kind === 'header') p.header(s.node);
    else p.keyValue(s.node);
    // What follows on the statement's line: blanks, perhaps a comment.
    let end = s.span.end;
    while (text[end] === ' ' || text[end] === '\t') end++;
    if (text[end] === '#') {
      const trailing = readTrivia(text, end, lineEndOf(text, end));
      if (trailing[0]?.kind === 'comment') p.out += ' #' + trailing[0].text;
      end = lineEndOf(text, end);
    } else if (end < text.length && text[end] !== '\n' && !(text[end] === '\r' && text[end + 1] === '\n')) {
      throw new FormatRefusal(`unexpected text after the statement at offset ${s.span.start}`);
    }
    pos = end;
    src.end = pos;
    regions.push({ src, out: { start: outStart, end: p.out.length } });
    previous = s;
  }
  if (limit === undefined) {
    // The end of the file: the comments and blank lines after the last statement, and one final line break.
    const src = { start: pos, end: text.length };
    const outStart = p.out.length;
    const gap = gapLines(readTrivia(text, pos, text.length), previous !== undefined, previous === undefined, false);
    if (previous) p.out += options.eol;
    writeLines(gap.lines);
    regions.push({ src, out: { start: outStart, end: p.out.length } });
    pos = text.length;
  }
  return { text: p.out, regions, end: pos };
}

function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

/**
 * What a text means: its values, its comments and its semantic errors (a duplicate key stays one), or
 * undefined when it does not parse.
 */
function meaning(text: string): { values: unknown; comments: string[]; errors: string[] } | undefined {
  return meaningOf(parseToml(text));
}

function meaningOf(doc: TomlDocument): { values: unknown; comments: string[]; errors: string[] } | undefined {
  if (doc.syntax.errors.length) return undefined;
  return { values: toJS(doc.root), comments: doc.syntax.comments.map((c) => c.text), errors: doc.errors.map((e) => `${e.code}: ${e.message}`) };
}

/** The smallest edit turning `before` into `after` at `offset`: their common start and end are left alone. */
function minimalEdit(offset: number, before: string, after: string): FormatEdit | undefined {
  if (before === after) return undefined;
  let head = 0;
  const max = Math.min(before.length, after.length);
  while (head < max && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < max - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start: offset + head, end: offset + before.length - tail, newText: after.slice(head, after.length - tail) };
}

/**
 * The edits that format a document, or with `range` only the statements it touches (with the comments and
 * blank lines above them). A statement is touched when the range overlaps it or the lines above it.
 */
export function formatDocument(doc: TomlDocument, range?: Span): FormatResult {
  const tree = doc.syntax;
  const text = tree.text;
  const firstError = tree.errors.reduce((min, e) => Math.min(min, e.span.start), Infinity);
  const stoppedAt = Number.isFinite(firstError) ? text.lastIndexOf('\n', firstError - 1) + 1 : undefined;
  const statements = statementsOf(tree);
  let printed: Printed;
  try {
    printed = print(tree, statements, stoppedAt, { eol: lineBreakOf(text), indent: indentOf(tree, statements) });
  } catch (err) {
    if (err instanceof FormatRefusal) return { edits: [], refused: err.message, ...(stoppedAt !== undefined ? { stoppedAt } : {}) };
    throw err;
  }
  // The document itself when all of it was printed; else the part that was.
  const before = stoppedAt === undefined ? meaningOf(doc) : meaning(text.slice(0, printed.end));
  const after = meaning(printed.text);
  if (!before || !after || !isDeepStrictEqual(before, after)) {
    return { edits: [], refused: 'the formatted text would not keep the values and comments as written', ...(stoppedAt !== undefined ? { stoppedAt } : {}) };
  }
  const edits: FormatEdit[] = [];
  for (const r of printed.regions) {
    if (range && !touches(range, r.src)) continue;
    const edit = minimalEdit(r.src.start, text.slice(r.src.start, r.src.end), printed.text.slice(r.out.start, r.out.end));
    if (edit) edits.push(edit);
  }
  return { edits, ...(stoppedAt !== undefined ? { stoppedAt } : {}) };
}

/** Whether a range touches a region: overlaps it, or (an empty range, a cursor) lies inside it. */
function touches(range: Span, region: Span): boolean {
  if (range.start === range.end) return range.start >= region.start && range.start <= region.end;
  return range.start < region.end && range.end > region.start;
}
