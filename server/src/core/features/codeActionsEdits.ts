// Text edits the quick fixes are made of, computed on the parsed document so they keep the file's layout:
// add a key to a table however it is written (header, inline braces, dotted keys, implicit), remove a
// key/value or an array item with its line or comma, append an item to an array, find nodes by span.
import type { Span } from '../diagnostics';
import { lookup, lookupEntry, type ArrayNode, type InlineTableNode, type KeyValueNode, type ModelNode, type ModelTable, type TableNode, type TomlDocument, type ValueNode } from '../toml';
import { tomlPathText } from '../schema/errorMapping';
import type { OffsetEdit } from './completion';

type Path = (string | number)[];

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

function indentAt(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

const sameSpan = (a: Span, b: Span) => a.start === b.start && a.end === b.end;

/** Every model node whose span is `span`, with its path, outermost first. */
export function nodesWithSpan(doc: TomlDocument, span: Span): { path: Path; node: ModelNode }[] {
  const out: { path: Path; node: ModelNode }[] = [];
  const work: { path: Path; node: ModelNode }[] = [{ path: [], node: doc.root }];
  for (let w = work.pop(); w; w = work.pop()) {
    const { path, node } = w;
    if (path.length && sameSpan(node.span, span)) out.push(w);
    if (node.type === 'table') for (const [k, e] of node.entries) work.push({ path: [...path, k], node: e.node });
    else if (node.type === 'array') node.items.forEach((item, i) => work.push({ path: [...path, i], node: item }));
  }
  return out.sort((a, b) => a.path.length - b.path.length);
}

/** Where a key/value sits: in a table body (or the root), or inside an inline table's braces. */
export interface LocatedKeyValue {
  kv: KeyValueNode;
  inline?: InlineTableNode;
}

export function allKeyValues(doc: TomlDocument): LocatedKeyValue[] {
  const out: LocatedKeyValue[] = [];
  const work: LocatedKeyValue[] = [...doc.syntax.rootEntries, ...doc.syntax.tables.flatMap((t) => t.entries)].map((kv) => ({ kv }));
  const values: { value: ValueNode }[] = [];
  for (let w = work.pop(); w; w = work.pop()) {
    out.push(w);
    if (w.kv.value) values.push({ value: w.kv.value });
    for (let v = values.pop(); v; v = values.pop()) {
      if (v.value.kind === 'inline-table') for (const kv of v.value.entries) work.push({ kv, inline: v.value });
      else if (v.value.kind === 'array') for (const item of v.value.items) values.push({ value: item });
    }
  }
  return out;
}

/** The key/value whose key or whole span is `span`. */
export function keyValueAt(doc: TomlDocument, span: Span): LocatedKeyValue | undefined {
  return allKeyValues(doc).find(({ kv }) => sameSpan(kv.span, span) || sameSpan(kv.key.span, span) || kv.key.segments.some((s) => sameSpan(s.span, span)));
}

/** Removes a key/value: its whole line when it stands alone there, else the pair and one separating comma. */
export function removeKeyValue(text: string, at: LocatedKeyValue): OffsetEdit {
  const { kv, inline } = at;
  if (inline) {
    const i = inline.entries.indexOf(kv);
    const next = inline.entries[i + 1];
    const prev = inline.entries[i - 1];
    if (next) return { start: kv.span.start, end: next.span.start, newText: '' };
    if (prev) return { start: prev.span.end, end: kv.span.end, newText: '' };
    return { start: inline.span.start + 1, end: kv.span.end + (text.slice(kv.span.end).match(/^\s*,?/)?.[0].length ?? 0), newText: ' ' };
  }
  const start = lineStartOf(text, kv.span.start);
  const end = lineEndOf(text, kv.span.end);
  const rest = text.slice(kv.span.end, end);
  if (/^\s*$/.test(text.slice(start, kv.span.start)) && /^\s*(#.*)?$/.test(rest)) return { start, end: Math.min(end + 1, text.length), newText: '' };
  return { start: kv.span.start, end: kv.span.end, newText: '' };
}

/** Removes one array item with its comma; an item alone on its line takes the line (and its comment) along. */
export function removeArrayItem(text: string, array: ArrayNode, index: number): OffsetEdit | undefined {
  const item = array.items[index];
  if (!item) return undefined;
  const afterItem = text.slice(item.span.end).match(/^[ \t]*,?/)?.[0] ?? '';
  const start = lineStartOf(text, item.span.start);
  const end = lineEndOf(text, item.span.end);
  if (/^\s*$/.test(text.slice(start, item.span.start)) && /^[ \t]*,?[ \t]*(#.*)?$/.test(text.slice(item.span.end, end)) && start > array.span.start) {
    return { start, end: Math.min(end + 1, text.length), newText: '' };
  }
  const next = array.items[index + 1];
  if (next) return { start: item.span.start, end: next.span.start, newText: '' };
  const prev = array.items[index - 1];
  if (prev) return { start: prev.span.end, end: item.span.end + afterItem.length, newText: '' };
  return { start: item.span.start, end: item.span.end + afterItem.length, newText: '' };
}

/** Appends an item, one per line when the array is written that way. */
export function appendArrayItem(text: string, array: ArrayNode, itemText: string): OffsetEdit {
  const last = array.items[array.items.length - 1];
  if (!last) return { start: array.span.start + 1, end: array.closed ? array.span.end - 1 : array.span.end, newText: itemText };
  const comma = text.slice(last.span.end).match(/^[ \t]*,/)?.[0] ?? '';
  const multiline = text.slice(array.span.start, last.span.start).includes('\n');
  if (multiline) {
    const after = last.span.end + comma.length;
    return { start: after, end: after, newText: `${comma ? '' : ','}\n${indentAt(text, last.span.start)}${itemText}${comma ? ',' : ''}` };
  }
  return { start: last.span.end, end: last.span.end, newText: `, ${itemText}` };
}

/**
 * Adds `key = value` to the table at `path`, where that table is written: below its [header] line, inside
 * its braces, as one more dotted key beside the one that made it, or under a new header for an implicit one.
 */
export function insertKey(doc: TomlDocument, path: Path, key: string, valueText: string): OffsetEdit | undefined {
  const text = doc.syntax.text;
  const node = path.length ? lookup(doc.root, path) : doc.root;
  if (node?.type !== 'table') return undefined;
  const name = /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
  const pair = `${name} = ${valueText}`;
  switch (node.origin) {
    case 'root': {
      const last = doc.syntax.rootEntries[doc.syntax.rootEntries.length - 1];
      if (last) {
        const end = lineEndOf(text, last.span.end);
        return { start: end, end, newText: `\n${indentAt(text, last.span.start)}${pair}` };
      }
      return { start: 0, end: 0, newText: `${pair}\n\n` };
    }
    case 'header':
    case 'array-table': {
      const syntax = node.syntax as TableNode | undefined;
      if (!syntax) return undefined;
      const end = lineEndOf(text, syntax.headerSpan.end);
      const first = syntax.entries[0];
      return { start: end, end, newText: `\n${first ? indentAt(text, first.span.start) : indentAt(text, syntax.headerSpan.start)}${pair}` };
    }
    case 'inline': {
      const syntax = node.syntax?.kind === 'inline-table' ? node.syntax : undefined;
      if (!syntax) return dottedInsert(doc, path, pair);
      const last = syntax.entries[syntax.entries.length - 1];
      if (last) return { start: last.span.end, end: last.span.end, newText: `, ${pair}` };
      return { start: syntax.span.start + 1, end: syntax.closed ? syntax.span.end - 1 : syntax.span.end, newText: ` ${pair} ` };
    }
    case 'dotted':
      return dottedInsert(doc, path, pair);
    case 'implicit': {
      if (path.some((p) => typeof p === 'number')) return undefined;
      const header = doc.syntax.tables.find((t) => t.key && t.key.segments.length > path.length && path.every((p, i) => t.key?.segments[i]?.value === p));
      if (!header) return undefined;
      return { start: header.headerSpan.start, end: header.headerSpan.start, newText: `[${tomlPathText(path)}]\n${pair}\n\n` };
    }
  }
}

/** Beside the dotted key/value that made the table: `build.check.skip = true` gets `build.check.KEY = ...`. */
function dottedInsert(doc: TomlDocument, path: Path, pair: string): OffsetEdit | undefined {
  const text = doc.syntax.text;
  const entry = lookupEntry(doc.root, path);
  if (!entry) return undefined;
  const at = allKeyValues(doc).find(({ kv }) => sameSpan(kv.span, entry.definitionSpan));
  if (!at) return undefined;
  const seg = at.kv.key.segments.find((s) => sameSpan(s.span, entry.keySpan));
  if (!seg) return undefined;
  const prefix = text.slice(at.kv.key.span.start, seg.span.end);
  if (at.inline) return { start: at.kv.span.end, end: at.kv.span.end, newText: `, ${prefix}.${pair}` };
  const end = lineEndOf(text, at.kv.span.end);
  return { start: end, end, newText: `\n${indentAt(text, at.kv.span.start)}${prefix}.${pair}` };
}

/** The model table at `path`, when there is one. */
export function tableAt(doc: TomlDocument, path: Path): ModelTable | undefined {
  const node = path.length ? lookup(doc.root, path) : doc.root;
  return node?.type === 'table' ? node : undefined;
}
