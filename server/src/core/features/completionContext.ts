// Where the cursor is, for completion: in a table header, on a key, at a value or array item, read from the
// tolerant syntax tree so half-typed text (`[components.`, `key =`, `spec = { `, an unclosed string) works.
import type { Span } from '../diagnostics';
import { nodeAtOffset, type KeyValueNode, type TableNode, type TomlDocument, type ValueNode } from '../toml';

export type CursorContext =
  | {
      kind: 'header';
      arrayTable: boolean;
      /** Model path of the segments before the one being typed. */
      path: (string | number)[];
      typed: string;
      replace: Span;
      /** The closing bracket(s) to add when the header has none yet. */
      close: string;
    }
  | {
      kind: 'key';
      /** Model path of the table the key goes into (dotted key segments before the typed one included). */
      path: (string | number)[];
      typed: string;
      replace: Span;
      /** Inside `{ ... }`, where keys are separated by commas rather than lines. */
      inline: boolean;
      /** True when `=` already follows, so only the name is inserted. */
      hasValue: boolean;
    }
  | {
      kind: 'value';
      /** Model path of the value (array indices included). */
      path: (string | number)[];
      typed: string;
      replace: Span;
      /** The quote the user opened, when typing inside a string. */
      quote?: '"' | "'";
      /** True when the value follows `=` directly, so a space is inserted first. */
      needsSpace: boolean;
      /** Set when completing an item of an array: the other items' string values. */
      siblings?: string[];
    }
  | { kind: 'none' };

const NONE: CursorContext = { kind: 'none' };

function lineStart(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

/** The header whose line or body holds the offset: the last one starting before it. */
function tableBefore(doc: TomlDocument, offset: number): TableNode | undefined {
  let found: TableNode | undefined;
  for (const t of doc.syntax.tables) {
    if (t.headerSpan.start >= offset) break;
    found = t;
  }
  return found;
}

function headerContext(doc: TomlDocument, table: TableNode, offset: number): CursorContext | undefined {
  const text = doc.syntax.text;
  const start = table.headerSpan.start;
  const arrayTable = table.kind === 'array-table';
  const open = start + (arrayTable ? 2 : 1);
  const end = lineEnd(text, start);
  if (offset < open || offset > end) return undefined;
  const keyEnd = table.key?.span.end ?? open;
  const closeAt = text.slice(keyEnd, end).indexOf(']');
  if (closeAt >= 0 && offset > keyEnd + closeAt) return undefined;
  const segments = table.key?.segments ?? [];
  const i = segments.findIndex((s) => offset >= s.span.start && offset <= s.span.end);
  const close = closeAt >= 0 ? '' : arrayTable ? ']]' : ']';
  if (i < 0) {
    // `[` alone, or the cursor in blank space of the header: a first segment.
    if (segments.length && offset > (segments[segments.length - 1]?.span.end ?? 0)) return undefined;
    return { kind: 'header', arrayTable, path: [], typed: '', replace: { start: offset, end: offset }, close };
  }
  const seg = segments[i];
  if (!seg) return undefined;
  const path = i === 0 ? [] : segmentPath(doc, table, i - 1);
  const typed = seg.quoted === 'bare' ? text.slice(seg.span.start, offset) : seg.value;
  return { kind: 'header', arrayTable, path, typed, replace: seg.span, close };
}

/** The model path a header names up to segment `last`, with array-of-tables elements resolved. */
function segmentPath(doc: TomlDocument, table: TableNode, last: number): (string | number)[] {
  const seg = table.key?.segments[last];
  if (!seg) return [];
  return nodeAtOffset(doc, seg.span.start).path;
}

/**
 * Whether the offset is on a header's line before its `[`: text typed there joins the header's line (`key[x]`,
 * `key = 1 [x]`), so no key of any table belongs there.
 */
function beforeHeader(doc: TomlDocument, offset: number): boolean {
  const text = doc.syntax.text;
  const next = doc.syntax.tables.find((t) => t.headerSpan.start >= offset);
  return next !== undefined && /^[ \t]*$/.test(text.slice(offset, next.headerSpan.start));
}

export function cursorContext(doc: TomlDocument, offset: number): CursorContext {
  const text = doc.syntax.text;
  if (beforeHeader(doc, offset)) return NONE;
  const table = tableBefore(doc, offset);
  let path: (string | number)[] = [];
  let entries: readonly KeyValueNode[] = doc.syntax.rootEntries;
  if (table) {
    const header = headerContext(doc, table, offset);
    if (header) return header;
    if (offset <= lineEnd(text, table.headerSpan.start)) return NONE;
    if (!table.key || table.key.segments.some((s) => s.missing)) return NONE;
    path = nodeAtOffset(doc, table.headerSpan.start).path;
    entries = table.entries;
  }
  return inEntries(text, entries, path, offset, false, lineStart(text, offset));
}

/** Inside a run of key/values (a table body or an inline table). */
function inEntries(text: string, entries: readonly KeyValueNode[], path: (string | number)[], offset: number, inline: boolean, from: number): CursorContext {
  let last: KeyValueNode | undefined;
  for (const kv of entries) {
    if (kv.span.start > offset) break;
    last = kv;
  }
  if (last && offset <= last.span.end) return inKeyValue(text, last, path, offset, inline);
  if (last && last.value && isOpen(last.value)) {
    // An unclosed array or inline table runs on until the next statement, which has not started yet.
    const inner = inValue(text, last.value, [...path, ...last.key.segments.map((s) => s.value)], offset);
    if (inner) return inner;
  }
  // Blank space: a new key, when nothing but whitespace (or `{`/`,` inline) precedes the cursor.
  const before = text.slice(Math.max(from, last ? last.span.end : from), offset);
  const ok = inline ? (last ? /^\s*,\s*$/ : /^\s*$/).test(before) : /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
  if (!ok) return NONE;
  return { kind: 'key', path, typed: '', replace: { start: offset, end: offset }, inline, hasValue: /^[ \t]*=/.test(text.slice(offset, lineEnd(text, offset))) };
}

function isOpen(value: ValueNode): boolean {
  return (value.kind === 'array' || value.kind === 'inline-table') && !value.closed;
}

function inKeyValue(text: string, kv: KeyValueNode, path: (string | number)[], offset: number, inline: boolean): CursorContext {
  const segs = kv.key.segments;
  if (offset <= kv.key.span.end) {
    const i = segs.findIndex((s) => offset >= s.span.start && offset <= s.span.end);
    const seg = segs[i];
    if (!seg) return NONE;
    const typed = seg.quoted === 'bare' ? text.slice(seg.span.start, offset) : seg.value;
    const after = text.slice(kv.key.span.end, inline ? kv.span.end : lineEnd(text, kv.key.span.end));
    return { kind: 'key', path: [...path, ...segs.slice(0, i).map((s) => s.value)], typed, replace: seg.span, inline, hasValue: /^\s*=/.test(after) };
  }
  const valuePath = [...path, ...segs.map((s) => s.value)];
  if (!kv.value) {
    // `key =` or `key = wor` (an unquoted word the parser rejected): a value goes after the `=`.
    const eq = text.indexOf('=', kv.key.span.end);
    if (eq < 0 || eq >= offset) return NONE;
    const wordStart = eq + 1 + (text.slice(eq + 1, offset).length - text.slice(eq + 1, offset).trimStart().length);
    const typed = text.slice(wordStart, offset);
    if (/\s/.test(typed)) return NONE;
    return { kind: 'value', path: valuePath, typed, replace: { start: wordStart, end: Math.max(offset, kv.span.end) }, needsSpace: wordStart === eq + 1 };
  }
  return inValue(text, kv.value, valuePath, offset) ?? NONE;
}

function closedString(text: string, span: Span, quote: string): boolean {
  if (span.end - span.start < 2 || text[span.end - 1] !== quote) return false;
  if (quote === "'") return true;
  let slashes = 0;
  for (let i = span.end - 2; i > span.start && text[i] === '\\'; i--) slashes++;
  return slashes % 2 === 0;
}

function inValue(text: string, value: ValueNode, path: (string | number)[], offset: number): CursorContext | undefined {
  const { start, end } = value.span;
  switch (value.kind) {
    case 'string': {
      if (value.style !== 'basic' && value.style !== 'literal') return undefined;
      const quote = value.style === 'basic' ? '"' : "'";
      const closed = closedString(text, value.span, quote);
      if (offset <= start || (closed && offset >= end) || offset > end) return undefined;
      return { kind: 'value', path, typed: text.slice(start + 1, offset), replace: value.span, quote, needsSpace: false };
    }
    case 'boolean':
    case 'integer':
    case 'float':
    case 'datetime':
      if (offset < start || offset > end) return undefined;
      return { kind: 'value', path, typed: text.slice(start, offset), replace: value.span, needsSpace: false };
    case 'array': {
      if (offset <= start || (value.closed && offset >= end)) return undefined;
      const siblings = value.items.flatMap((item) => (item.kind === 'string' ? [item.value] : []));
      for (let i = 0; i < value.items.length; i++) {
        const item = value.items[i] as ValueNode;
        if (offset >= item.span.start && offset <= item.span.end) {
          const inner = inValue(text, item, [...path, i], offset);
          if (inner?.kind === 'value') return { ...inner, siblings: siblings.filter((_, k) => k !== i) };
          if (inner) return inner;
          if (offset > item.span.start && offset < item.span.end) return { kind: 'none' };
        }
      }
      const previous = value.items.filter((item) => item.span.end <= offset);
      const lastItem = previous[previous.length - 1];
      const between = text.slice(lastItem ? lastItem.span.end : start + 1, offset);
      // A new item goes after `[` or a comma, never straight after another item.
      if (lastItem && !/^\s*,[\s]*$/.test(between.replace(/#[^\n]*/g, ''))) return { kind: 'none' };
      if (!lastItem && !/^\s*$/.test(between.replace(/#[^\n]*/g, ''))) return { kind: 'none' };
      return { kind: 'value', path: [...path, previous.length], typed: '', replace: { start: offset, end: offset }, needsSpace: false, siblings };
    }
    case 'inline-table': {
      if (offset <= start || (value.closed && offset >= end)) return undefined;
      return inEntries(text, value.entries, path, offset, true, start + 1);
    }
  }
}
